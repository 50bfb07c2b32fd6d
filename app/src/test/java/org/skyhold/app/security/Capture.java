package org.skyhold.app.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Everything the process writes while it is open: every Logback event (java.util.logging bridged in, as Main
 * does), formatted in full with its throwable, and everything printed to standard output and error.
 */
final class Capture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final Handler[] julHandlers;
    private final Logger root;

    Capture() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        root.addAppender(appender);
        java.util.logging.Logger julRoot = LogManager.getLogManager().getLogger("");
        julHandlers = julRoot.getHandlers();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.setOut(new PrintStream(tee(out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err), true, StandardCharsets.UTF_8));
    }

    private OutputStream tee(PrintStream original) {
        return new OutputStream() {
            @Override
            public synchronized void write(int b) {
                console.write(b);
                original.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                console.write(b, off, len);
                original.write(b, off, len);
            }
        };
    }

    /** Every log event as one text: level, logger, message with its arguments, MDC, and stack trace. */
    List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            lines.add(e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                    + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())));
        }
        return lines;
    }

    String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        root.detachAppender(appender);
        appender.stop();
        SLF4JBridgeHandler.uninstall();
        java.util.logging.Logger julRoot = LogManager.getLogManager().getLogger("");
        for (Handler h : julHandlers) {
            julRoot.addHandler(h);
        }
    }
}
