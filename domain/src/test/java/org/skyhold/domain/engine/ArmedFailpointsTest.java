package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArmedFailpointsTest {
    private final List<String> fired = new ArrayList<>();

    @Test
    void anArmedPointFiresOnceAtItsHitAndOthersNever() {
        Failpoints f = new ArmedFailpoints(Map.of(Failpoints.DESTROY_AFTER_VM_DELETE, 3),
                (name, hit) -> fired.add(name + "@" + hit));
        for (int i = 0; i < 5; i++) {
            f.hit(Failpoints.DESTROY_AFTER_VM_DELETE);
            f.hit(Failpoints.CREATE_AFTER_PENDING_ROW);
        }
        assertThat(fired).containsExactly("destroy.after_vm_delete@3");
    }

    @Test
    void unknownNamesAndHitsBeforeTheFirstAreRefused() {
        assertThatThrownBy(() -> new ArmedFailpoints(Map.of("create.after_lunch", 1), (n, h) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("create.after_pending_row");
        assertThatThrownBy(() -> new ArmedFailpoints(Map.of(Failpoints.STAGED_AFTER_ROW, 0), (n, h) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNamesAreUniqueAndEachIsAConstantOfItsStep() {
        assertThat(Failpoints.NAMES).doesNotHaveDuplicates().hasSize(10)
                .allSatisfy(n -> assertThat(n).matches("(create|destroy|staged)\\.[a-z_]+"));
        Failpoints.NONE.hit(Failpoints.CREATE_AFTER_PENDING_ROW); // nothing happens, nothing is counted
    }
}
