package org.skyhold.domain.script;

/** A startup-script template cannot be used; {@code line} is 1-based. */
public final class ScriptTemplateException extends RuntimeException {
    private final int line;

    public ScriptTemplateException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
