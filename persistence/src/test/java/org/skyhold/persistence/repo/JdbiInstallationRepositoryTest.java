package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.port.RepositoryException;
import org.skyhold.persistence.TestDatabase;

class JdbiInstallationRepositoryTest {
    private final JdbiInstallationRepository installation = new JdbiInstallationRepository(Fixtures.jdbi());

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
    }

    @Test
    void theFirstCandidateBecomesTheIdForever() {
        assertThat(installation.idOrCreate("abcdefgh12")).isEqualTo("abcdefgh12");
        assertThat(installation.idOrCreate("zzzzzzzz99")).isEqualTo("abcdefgh12");
    }

    @Test
    void racingManagersAllGetTheSameId() throws Exception {
        int racers = 8;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String candidate = "candidate" + i;
                ids.add(pool.submit(() -> {
                    start.await();
                    return installation.idOrCreate(candidate);
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> id : ids) {
                results.add(id.get());
            }
            assertThat(results).hasSize(racers).containsOnly(results.get(0));
            assertThat(results.get(0)).startsWith("candidate");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCandidateTheSchemaForbidsIsARepositoryError() {
        assertThatThrownBy(() -> installation.idOrCreate("NOT OK"))
                .isInstanceOf(RepositoryException.class).hasMessageContaining("installation_id_check");
    }
}
