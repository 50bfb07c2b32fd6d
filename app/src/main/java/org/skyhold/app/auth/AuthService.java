package org.skyhold.app.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.skyhold.app.settings.SettingsEvents;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.User;
import org.skyhold.domain.model.WebSession;
import org.skyhold.domain.port.UserRepository;
import org.skyhold.domain.port.WebSessionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs people in and out and tells who a request comes from: by session cookie, or (for scripts) by the
 * admin's password over HTTP Basic. API keys are {@link ApiKeyService}'s.
 */
public final class AuthService {
    public static final String ADMIN = "admin";
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);

    private final UserRepository users;
    private final WebSessionRepository sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final BasicCredentialCache basicCache = new BasicCredentialCache();
    private final SettingsEvents events;
    private final Clock clock;

    /** @param events where sign-ins and counted failures are recorded */
    public AuthService(UserRepository users, WebSessionRepository sessions, PasswordHasher hasher,
                       LoginThrottle throttle, SettingsEvents events, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates the admin account on first start, with {@code configured} as its password or, when that is null,
     * a generated one that is printed once in the log (the only time it is ever shown).
     */
    public void ensureAdmin(Secret configured) {
        if (users.findByUsername(ADMIN).isPresent()) {
            return;
        }
        String password = configured != null ? configured.reveal() : Tokens.random().substring(0, 20);
        users.create(ADMIN, hasher.hash(password));
        if (configured == null) {
            LOG.warn("Created the admin account. Sign in as admin with this generated password (shown only once; "
                    + "change it under Account): {}", password);
        } else {
            LOG.info("Created the admin account with the password from SKYHOLD_ADMIN_PASSWORD");
        }
    }

    /** A new signed-in session: the cookie token (shown to the browser only) and the session itself. */
    public record SignedIn(String token, WebSession session) {
    }

    /**
     * Checks the password and opens a session.
     *
     * @throws LoginRefusedException when the user or password is wrong, or the caller must wait first
     */
    public SignedIn login(String username, String password, String address) {
        Instant now = clock.instant();
        Duration wait = throttle.waitBefore(username, address, now);
        if (!wait.isZero()) {
            throw new LoginRefusedException("Too many failed sign-ins. Try again in " + (wait.toSeconds() + 1) + " s.",
                    wait);
        }
        Optional<User> user = users.findByUsername(username);
        if (user.isEmpty() || !hasher.verify(password, user.get().passwordHash())) {
            failed(username, user.isPresent(), address, now, "sign-in");
            throw new LoginRefusedException("Wrong user name or password.", Duration.ZERO);
        }
        throttle.succeeded(username, address);
        events.record(null, user.get().username(), "auth.signed_in", "signed in", "from " + address, List.of());
        String token = Tokens.random();
        WebSession session = new WebSession(Tokens.hash(token), user.get().id(), Tokens.random(), now,
                now.plus(SESSION_LIFETIME));
        sessions.create(session);
        return new SignedIn(token, session);
    }

    /** Who holds this session cookie, or empty when it is unknown or expired. */
    public Optional<Actor> fromSessionToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return sessions.find(Tokens.hash(token), clock.instant()).map(s ->
                new Actor(ADMIN, s.userId(), Actor.Via.SESSION, s.csrfToken()));
    }

    /** Who these Basic credentials belong to, or empty; failures count against the sign-in throttle. */
    public Optional<Actor> fromBasic(String username, String password, String address) {
        Instant now = clock.instant();
        if (!throttle.waitBefore(username, address, now).isZero()) {
            return Optional.empty();
        }
        Optional<User> user = users.findByUsername(username);
        if (user.isEmpty()) {
            failed(username, false, address, now, "HTTP Basic sign-in");
            return Optional.empty();
        }
        boolean ok = basicCache.known(user.get(), password, now)
                || hasher.verify(password, user.get().passwordHash());
        if (!ok) {
            failed(username, true, address, now, "HTTP Basic sign-in");
            return Optional.empty();
        }
        basicCache.remember(user.get(), password, now);
        throttle.succeeded(username, address);
        return Optional.of(new Actor(user.get().username(), user.get().id(), Actor.Via.BASIC, null));
    }

    /**
     * Counts a failure and records it as an event. Only failures the throttle lets through reach here, so a
     * flood writes a bounded number of events. A name that is no account is not written down: people type
     * their password into the name field.
     */
    private void failed(String username, boolean known, String address, Instant now, String what) {
        throttle.failed(username, address, now);
        events.record(null, known ? username : "unknown user", "auth.sign_in_failed", "failed " + what,
                "from " + address, List.of());
    }

    public void logout(String token) {
        if (token != null && !token.isEmpty()) {
            sessions.delete(Tokens.hash(token));
        }
    }

    /**
     * Changes the admin's password after checking the current one; every session ends, the caller's included.
     *
     * @throws org.skyhold.app.settings.ValidationException naming the field at fault
     */
    public void changePassword(long userId, String current, String next, String repeated) {
        User user = users.findByUsername(ADMIN).filter(u -> u.id() == userId)
                .orElseThrow(() -> org.skyhold.app.settings.ValidationException.of("current_password", "unknown user"));
        if (current == null || !hasher.verify(current, user.passwordHash())) {
            throw org.skyhold.app.settings.ValidationException.of("current_password", "is not the current password");
        }
        if (next == null || next.length() < 12) {
            throw org.skyhold.app.settings.ValidationException.of("new_password", "must be at least 12 characters");
        }
        if (!next.equals(repeated)) {
            throw org.skyhold.app.settings.ValidationException.of("repeat_password", "does not match new_password");
        }
        users.updatePasswordHash(userId, hasher.hash(next));
        sessions.deleteByUser(userId);
        basicCache.clear();
    }
}
