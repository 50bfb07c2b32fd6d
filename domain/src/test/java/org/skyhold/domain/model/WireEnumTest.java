package org.skyhold.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one spelling of an enum on the wire and in the database, worked out once per enum. */
class WireEnumTest {
    @Test
    void everyConstantIsItsLowerCaseNameAndReadsBackAsItself() {
        for (AgentState s : AgentState.values()) {
            assertThat(s.wireName()).isEqualTo(s.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(WireEnum.fromWire(AgentState.class, s.wireName())).isSameAs(s);
        }
        assertThat(LoadBalanceStrategy.MOST_LOADED.wireName()).isEqualTo("most_loaded");
    }

    @Test
    void anUnknownMissingOrDifferentlyCasedSpellingIsRefusedWithTheAllowedOnes() {
        for (String wrong : new String[] {"sleeping", "RUNNING", "", null}) {
            assertThatThrownBy(() -> WireEnum.fromWire(AgentState.class, wrong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("must be one of pending, starting, running, draining, destroying, destroyed, failed, "
                            + "missing, dead");
        }
    }
}
