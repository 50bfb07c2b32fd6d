package org.skyhold.app.config;

/** Start-up cannot go on because of one setting; {@code variable} names the environment variable at fault. */
public final class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String message) {
        super(variable + ": " + message);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
