package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/** Where sessions go: staged ones first, static agents first, by the zone's strategy, never over-committed. */
class PlacementServiceTest {
    private static final Capacity FOUR = new Capacity(4, 0, 8192);
    private final EngineKit kit = EngineKit.start();
    private final FakeVmProvider cloud = kit.cloud(b -> b);
    private final Image image = kit.image("desk", new Capacity(1, 0, 1024));

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void mostLoadedPacksOneAgentWhileLeastLoadedSpreads() {
        Zone packed = kit.zone(ZoneSettingsBuilder.zone("packed").build());
        Zone spread = kit.zone(ZoneSettingsBuilder.zone("spread").leastLoaded().build());
        VmProviderConfig p1 = kit.vmProvider(packed, "p", 5, cloud);
        VmProviderConfig p2 = kit.vmProvider(spread, "p", 5, cloud);
        kit.runningAgent(packed, p1, cloud, FOUR);
        kit.runningAgent(packed, p1, cloud, FOUR);
        kit.runningAgent(spread, p2, cloud, FOUR);
        kit.runningAgent(spread, p2, cloud, FOUR);

        List<String> packedOn = new ArrayList<>();
        List<String> spreadOn = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            packedOn.add(kit.placement.placeForUser(packed, image, "u" + i, kit.clock.now()).orElseThrow().agentId());
            spreadOn.add(kit.placement.placeForUser(spread, image, "u" + i, kit.clock.now()).orElseThrow().agentId());
        }

        assertThat(packedOn.get(0)).isEqualTo(packedOn.get(1));
        assertThat(spreadOn.get(0)).isNotEqualTo(spreadOn.get(1));
    }

    @Test
    void staticAgentsFillFirstWhenTheZoneSaysSo() {
        Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").leastLoaded().staticFirst(true).build());
        VmProviderConfig p = kit.vmProvider(zone, "p", 5, cloud);
        kit.runningAgent(zone, p, cloud, new Capacity(16, 0, 65536));
        Agent desk = kit.staticAgent(zone, "desk", new Capacity(2, 0, 4096));

        assertThat(kit.placement.placeForUser(zone, image, "ann", kit.clock.now()).orElseThrow().agentId())
                .isEqualTo(desk.id());
    }

    @Test
    void aUserIsHandedTheOldestStagedSessionBeforeANewOne() {
        Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").build());
        VmProviderConfig p = kit.vmProvider(zone, "p", 5, cloud);
        kit.runningAgent(zone, p, cloud, FOUR);
        assertThat(kit.placement.stage(zone, image, 2, 1, kit.clock.now())).isEqualTo(2);
        Session oldest = kit.db.sessions.listOpenByZone(zone.id()).get(0);

        Session got = kit.placement.placeForUser(zone, image, "ann", kit.clock.now().plusSeconds(1)).orElseThrow();

        assertThat(got.id()).isEqualTo(oldest.id());
        assertThat(got.kind()).isEqualTo(SessionKind.STAGED);
        assertThat(got.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(got.userName()).isEqualTo("ann");
    }

    @Test
    void stagingStopsWhereRoomEndsAndAgentsThatAreNotRunningGetNothing() {
        Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").build());
        VmProviderConfig p = kit.vmProvider(zone, "p", 5, cloud);
        kit.runningAgent(zone, p, cloud, FOUR);
        Agent draining = kit.runningAgent(zone, p, cloud, FOUR);
        kit.db.agents.updateIf(draining.withState(AgentState.DRAINING, kit.clock.now()),
                EnumSet.of(AgentState.RUNNING));

        assertThat(kit.placement.stage(zone, image, 10, 1, kit.clock.now())).isEqualTo(4);
        assertThat(kit.db.sessions.listOpenByAgent(draining.id())).isEmpty();
    }

    @Test
    void concurrentRequestsNeverOverCommitAnAgent() throws Exception {
        Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").build());
        VmProviderConfig p = kit.vmProvider(zone, "p", 5, cloud);
        kit.runningAgent(zone, p, cloud, FOUR);
        kit.runningAgent(zone, p, cloud, FOUR);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String user = "u" + i;
                answers.add(pool.submit(() -> kit.placement.placeForUser(zone, image, user, kit.clock.now())
                        .isPresent()));
            }
            int placed = 0;
            for (Future<Boolean> a : answers) {
                placed += a.get() ? 1 : 0;
            }
            assertThat(placed).isEqualTo(8);
        } finally {
            pool.shutdown();
        }
        assertThat(kit.db.agents.loads(zone.id())).allSatisfy(l -> assertThat(l.reserved().cores()).isEqualTo(4));
    }
}
