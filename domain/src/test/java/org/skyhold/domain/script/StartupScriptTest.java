package org.skyhold.domain.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupScriptTest {
    @Test
    void variablesAreReplacedAndDoubledBracesAreLiteral() {
        StartupScript s = StartupScript.parse("#!/bin/sh\necho ${{HOME}} {server_id}\ncurl {checkin_url}\n");
        assertThat(s.render(Map.of("server_id", "ab12", "checkin_url", "http://x/c")))
                .isEqualTo("#!/bin/sh\necho ${HOME} ab12\ncurl http://x/c\n");
        assertThat(s.variablesUsed()).containsExactly("server_id", "checkin_url");
    }

    @Test
    void anUnknownVariableIsRefusedWithItsNameAndLine() {
        assertThatThrownBy(() -> StartupScript.parse("a\nb\necho {server_idd}\n"))
                .isInstanceOf(ScriptTemplateException.class)
                .hasMessageStartingWith("line 3: unknown variable {server_idd}")
                .satisfies(e -> assertThat(((ScriptTemplateException) e).line()).isEqualTo(3));
    }

    @Test
    void loneBracesAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> StartupScript.parse("x\nif [ a ]; then {\n")).hasMessageStartingWith("line 2: unclosed");
        assertThatThrownBy(() -> StartupScript.parse("}")).hasMessageStartingWith("line 1: lone '}'");
    }

    @Test
    void aScriptWithoutVariablesRendersAsWritten() {
        assertThat(StartupScript.parse("echo hi").render(Map.of())).isEqualTo("echo hi");
        assertThat(StartupScript.parse("").render(Map.of())).isEmpty();
    }

    @Test
    void aMissingValueRendersEmpty() {
        assertThat(StartupScript.parse("[{zone_name}]").render(Map.of())).isEqualTo("[]");
    }
}
