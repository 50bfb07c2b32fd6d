package org.skyhold.domain.kind;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One settings field of a provider kind: its wire name (the JSON and form name, as the product we replace
 * names it), what it holds, whether it is a secret, whether an enabled provider must have it, the help text
 * shown beside it, an example value as an operator would type it (JSON fields as JSON text; used by the
 * contract tests and shown in {@code GET /api/v1/provider-kinds}), and the kind's own shape check of a JSON
 * field. A kind defines its specs once, in its own package; nothing else names them.
 */
public record FieldSpec(
        String name,
        String label,
        FieldType type,
        boolean secret,
        boolean required,
        String help,
        Pattern pattern,
        String patternHint,
        long min,
        long max,
        List<String> choices,
        String example,
        FieldCheck check,
        boolean endpoint) {

    public static Builder of(String name, FieldType type, String label) {
        return new Builder(name, type, label);
    }

    /** Builds a spec; defaults are optional, not secret, no pattern, any non-negative number, no own check. */
    public static final class Builder {
        private final String name;
        private final FieldType type;
        private final String label;
        private boolean secret;
        private boolean required;
        private boolean endpoint;
        private String help = "";
        private Pattern pattern;
        private String patternHint;
        private long min = 0;
        private long max = Long.MAX_VALUE;
        private List<String> choices = List.of();
        private String example;
        private FieldCheck check = FieldCheck.NONE;

        private Builder(String name, FieldType type, String label) {
            this.name = name;
            this.type = type;
            this.label = label;
        }

        public Builder secret() {
            this.secret = true;
            return this;
        }

        /**
         * Marks the field that says where the provider sends its requests (an endpoint override, a DNS server):
         * changing it on a saved provider needs every secret of the provider again, so stored credentials never
         * follow an endpoint to another host.
         */
        public Builder endpoint() {
            this.endpoint = true;
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder help(String text) {
            this.help = text;
            return this;
        }

        /** Values (or, for lists, each item) must match {@code regex}; {@code hint} says what is expected. */
        public Builder pattern(String regex, String hint) {
            this.pattern = Pattern.compile(regex);
            this.patternHint = hint;
            return this;
        }

        public Builder range(long lo, long hi) {
            this.min = lo;
            this.max = hi;
            return this;
        }

        public Builder choices(String... values) {
            this.choices = List.of(values);
            return this;
        }

        /** A valid value as an operator types it; JSON fields as JSON text. */
        public Builder example(String value) {
            this.example = value;
            return this;
        }

        /** The kind's own check of a JSON field's parsed value. */
        public Builder check(FieldCheck fieldCheck) {
            this.check = fieldCheck;
            return this;
        }

        public FieldSpec build() {
            return new FieldSpec(name, label, type, secret, required, help, pattern, patternHint, min, max, choices,
                    example, check, endpoint);
        }
    }
}
