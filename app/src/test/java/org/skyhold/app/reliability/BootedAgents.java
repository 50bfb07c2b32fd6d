package org.skyhold.app.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skyhold.providers.aws.FakeEc2;

/**
 * What the booted VMs of the fake EC2 do by themselves: each running instance runs the check-in line of its user
 * data once (its bearer token and JSON body), and terminations finish. The check-in goes to a live manager: the
 * URL a manager rendered names that manager, and in production a load balancer in front of the managers would
 * send it to one that is up.
 */
final class BootedAgents implements AutoCloseable {
    private static final Pattern BEARER = Pattern.compile("Bearer ([^'\"\\s]+)");
    private static final Pattern DATA = Pattern.compile("-d '([^']*)'");
    private static final Pattern URL = Pattern.compile("https?://[^/\\s'\"]+(/[^\\s'\"]*)\\s*$");

    private final FakeEc2 ec2;
    private final Managers managers;
    private final Set<String> checkedIn = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "booted-agents");
        t.setDaemon(true);
        return t;
    });

    BootedAgents(FakeEc2 ec2, Managers managers) {
        this.ec2 = ec2;
        this.managers = managers;
        timer.scheduleWithFixedDelay(this::round, 200, 300, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            for (FakeEc2.Instance i : ec2.instances()) {
                if ("running".equals(i.state()) && !checkedIn.contains(i.id)
                        && attempts.merge(i.id, 1, Integer::sum) <= 100) {
                    checkIn(i);
                }
            }
            ec2.settle();
        } catch (RuntimeException e) {
            System.err.println("booted agents: " + e);
        }
    }

    private void checkIn(FakeEc2.Instance i) {
        String line = i.userData.lines().filter(l -> l.trim().startsWith("curl")).findFirst().orElseThrow();
        String path = find(URL, line.trim());
        String token = find(BEARER, line);
        JsonNode body;
        try {
            body = Managers.JSON.readTree(find(DATA, line));
        } catch (IOException e) {
            throw new IllegalStateException("the check-in body of " + i.id + " is not JSON: " + line, e);
        }
        Optional<Managers.Answer> a = Managers.send(managers.pick(), "POST", URI.create(path).getPath(), body,
                "Bearer " + token);
        if (a.isPresent() && a.get().status() == 200) {
            checkedIn.add(i.id);
        } else if (a.isPresent()) {
            refused.incrementAndGet(); // asked again next round (an agent whose create has not been written yet)
        }
    }

    int checkedIn() {
        return checkedIn.size();
    }

    /** Check-ins a manager refused (tried again): not a failure by itself. */
    int refused() {
        return refused.get();
    }

    private static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in: " + s);
        }
        return m.group(1);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
