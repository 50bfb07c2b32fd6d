package org.skyhold.web.view;

import java.util.List;

/**
 * The engine's dry-run plan for a zone now: {@code actions} are what it would do (each a reason), {@code notes}
 * why it does nothing more, {@code configErrors} what the operator must fix. {@code act} is false while scaling
 * is disabled (the plan only explains).
 */
public record PlanView(boolean act, List<String> configErrors, List<String> actions, List<String> notes) {
}
