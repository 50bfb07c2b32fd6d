package org.skyhold.app.settings;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.model.Secret;

/**
 * The one way the settings services (zones, VM providers, DNS providers) read an operator's input: names that are
 * not fields are refused, every given value is merged and parsed by {@link SettingsMerge#apply}, and the fields
 * that must have a value are required. Problems are collected into {@code errors}, never thrown one at a time.
 */
public final class SettingsInput {
    private final SettingsMerge merge;

    public SettingsInput(SettingsMerge merge) {
        this.merge = merge;
    }

    /**
     * @param specs    every field of the object, in page order
     * @param allowed  input names that are not fields but are read elsewhere (a provider's {@code kind})
     * @param unknown  completes "NAME ..." for any other name, e.g. "is not a zone setting"
     * @param required the fields that must have a value, given the merged result (an enabled provider needs all)
     * @param changed  the names of the fields the input changed are added here
     * @param errors   problems are added here
     */
    public SettingsMerge.Result read(List<FieldSpec> specs, Set<String> allowed, String unknown,
                                     Function<SettingsMerge.Result, List<FieldSpec>> required,
                                     Map<String, String> current, Map<String, Secret> currentSecrets,
                                     Map<String, String> input, List<String> changed, List<FieldError> errors) {
        Set<String> known = new HashSet<>(allowed);
        specs.forEach(f -> known.add(f.name()));
        input.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(k, unknown)));
        SettingsMerge.Result r = merge.apply(specs, current, currentSecrets, input, errors);
        SettingsMerge.requireValues(required.apply(r), r, errors);
        changed.addAll(r.changed());
        return r;
    }

    /** The parser the merge goes through. */
    public FieldParser parser() {
        return merge.parser();
    }
}
