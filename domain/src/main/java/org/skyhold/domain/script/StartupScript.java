package org.skyhold.domain.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A startup-script template in the syntax of the product we replace, so operators can paste their scripts:
 * {@code {name}} is replaced by a variable, {@code {{} and {@code }}} stand for literal braces. Anything else
 * with a brace (an unknown name, a lone brace) is an error reported with its line, when the settings are saved.
 */
public final class StartupScript {
    /** Every variable a template may use (DESIGN.md §5). */
    public static final Set<String> VARIABLES = Set.of(
            "server_id", "server_hostname", "server_external_fqdn", "provider_name", "upstream_auth_address",
            "nginx_cert_in", "nginx_key_in", "checkin_url", "checkin_token", "zone_name");

    private final List<Part> parts;

    private StartupScript(List<Part> parts) {
        this.parts = parts;
    }

    private record Part(String literal, String variable) {
    }

    /**
     * Parses a template.
     *
     * @throws ScriptTemplateException naming the first problem and its line
     */
    public static StartupScript parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int line = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                literal.append('{');
                i++;
            } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                literal.append('}');
                i++;
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                int newline = template.indexOf('\n', i);
                if (end < 0 || (newline >= 0 && newline < end)) {
                    throw new ScriptTemplateException(line, "unclosed '{' (write {{ for a literal brace)");
                }
                String name = template.substring(i + 1, end);
                if (!VARIABLES.contains(name)) {
                    throw new ScriptTemplateException(line, "unknown variable {" + name + "}; known: "
                            + String.join(", ", VARIABLES.stream().sorted().toList()));
                }
                parts.add(new Part(literal.toString(), null));
                literal.setLength(0);
                parts.add(new Part(null, name));
                i = end;
            } else if (c == '}') {
                throw new ScriptTemplateException(line, "lone '}' (write }} for a literal brace)");
            } else {
                literal.append(c);
            }
        }
        parts.add(new Part(literal.toString(), null));
        return new StartupScript(List.copyOf(parts));
    }

    /** The variables this template uses, in order of first use. */
    public List<String> variablesUsed() {
        return parts.stream().map(Part::variable).filter(v -> v != null).distinct().toList();
    }

    /**
     * The script with every variable replaced; a variable missing from {@code values} becomes empty text.
     */
    public String render(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(p.variable() == null ? p.literal() : values.getOrDefault(p.variable(), ""));
        }
        return sb.toString();
    }
}
