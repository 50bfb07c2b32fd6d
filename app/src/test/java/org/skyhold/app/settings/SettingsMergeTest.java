package org.skyhold.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyhold.app.web.Json;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.kind.FieldType;
import org.skyhold.domain.kind.FieldSpec;

class SettingsMergeTest {
    private static final List<FieldSpec> SPECS = List.of(
            FieldSpec.of("name", FieldType.TEXT, "Name").required().build(),
            FieldSpec.of("count", FieldType.INTEGER, "Count").range(0, 100).build(),
            FieldSpec.of("tags", FieldType.STRING_LIST, "Tags").build(),
            FieldSpec.of("token", FieldType.TEXT, "Token").secret().required().build());
    private static final Map<String, String> CURRENT = Map.of("name", "a", "count", "3", "tags", "[\"x\"]");
    private static final Map<String, Secret> SECRETS = Map.of("token", Secret.of("old-token"));

    private final SettingsMerge merge = new SettingsMerge(new FieldParser(Json.mapper()));
    private final List<FieldError> errors = new ArrayList<>();

    private SettingsMerge.Result apply(Map<String, String> input) {
        return merge.apply(SPECS, CURRENT, SECRETS, input, errors);
    }

    @Test
    void fieldsLeftOutKeepTheirValuesAndNothingIsChanged() {
        SettingsMerge.Result r = apply(Map.of());

        assertThat(r.values()).isEqualTo(CURRENT);
        assertThat(r.secrets()).isEqualTo(SECRETS);
        assertThat(r.changed()).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void anEmptyOrNullValueClearsANonSecretField() {
        Map<String, String> input = new HashMap<>();
        input.put("count", "");
        input.put("tags", null);

        SettingsMerge.Result r = apply(input);

        assertThat(r.values()).containsOnlyKeys("name");
        assertThat(r.changed()).containsExactlyInAnyOrder("count", "tags");
    }

    @Test
    void anEmptySecretKeepsTheStoredOne() {
        Map<String, String> input = new HashMap<>();
        input.put("token", "");
        assertThat(apply(input).secrets()).containsEntry("token", Secret.of("old-token"));
        input.put("token", "   ");
        SettingsMerge.Result r = apply(input);

        assertThat(r.secrets()).containsEntry("token", Secret.of("old-token"));
        assertThat(r.changed()).isEmpty();
    }

    @Test
    void aClearedOrNullSecretIsRemovedAndListedAsChanged() {
        for (String clear : new String[] {SettingsMerge.CLEAR, null}) {
            Map<String, String> input = new HashMap<>();
            input.put("token", clear);

            SettingsMerge.Result r = apply(input);

            assertThat(r.secrets()).doesNotContainKey("token");
            assertThat(r.changed()).containsExactly("token");
        }
    }

    private static final List<FieldSpec> ENDPOINT_SPECS = List.of(
            FieldSpec.of("endpoint_override", FieldType.URL, "Endpoint").endpoint().build(),
            FieldSpec.of("count", FieldType.INTEGER, "Count").build(),
            FieldSpec.of("key_id", FieldType.TEXT, "Key id").secret().build(),
            FieldSpec.of("token", FieldType.TEXT, "Token").secret().build());

    private SettingsMerge.Result moveEndpoint(Map<String, String> more) {
        Map<String, String> input = new HashMap<>(more);
        input.put("endpoint_override", "https://elsewhere.example");
        return merge.apply(ENDPOINT_SPECS, Map.of("endpoint_override", "https://api.example"),
                Map.of("key_id", Secret.of("k"), "token", Secret.of("t")), input, errors);
    }

    @Test
    void anEndpointChangeWithoutEveryStoredSecretIsRefusedNamingEachMissingSecret() {
        moveEndpoint(Map.of("token", "new"));

        assertThat(errors).extracting(FieldError::field).containsExactly("key_id");
        assertThat(errors.get(0).message()).contains("endpoint_override changes");
    }

    @Test
    void anEndpointChangeWithEverySecretResentOrClearedIsAccepted() {
        SettingsMerge.Result r = moveEndpoint(Map.of("token", "new", "key_id", SettingsMerge.CLEAR));

        assertThat(errors).isEmpty();
        assertThat(r.secrets()).containsOnlyKeys("token");
    }

    @Test
    void withNoStoredSecretOrAnUnchangedEndpointNothingMoreIsAsked() {
        merge.apply(ENDPOINT_SPECS, Map.of(), Map.of(), Map.of("endpoint_override", "https://new.example"), errors);
        merge.apply(ENDPOINT_SPECS, Map.of("endpoint_override", "https://api.example"),
                Map.of("token", Secret.of("t")), Map.of("endpoint_override", "https://api.example", "count", "2"),
                errors);

        assertThat(errors).isEmpty();
    }

    @Test
    void aNewSecretReplacesTheOldAndIsListedAsChanged() {
        SettingsMerge.Result r = apply(Map.of("token", "new-token"));

        assertThat(r.secrets()).containsEntry("token", Secret.of("new-token"));
        assertThat(r.changed()).containsExactly("token");
    }

    @Test
    void theChangedListHoldsOnlyFieldsWhoseCanonicalValueDiffers() {
        SettingsMerge.Result r = apply(Map.of("name", " a ", "count", "03", "tags", "[ \"x\" ]", "token", "old-token"));
        assertThat(r.changed()).isEmpty();

        r = apply(Map.of("name", "b", "count", "3"));
        assertThat(r.changed()).containsExactly("name");
        assertThat(r.values()).containsEntry("name", "b");
    }

    @Test
    void aValueForAnEmptyFieldIsAChange() {
        SettingsMerge.Result r = merge.apply(SPECS, Map.of("name", "a"), Map.of(), Map.of("count", "7", "token", "t"),
                errors);

        assertThat(r.values()).containsEntry("count", "7");
        assertThat(r.changed()).containsExactlyInAnyOrder("count", "token");
    }

    @Test
    void everyRefusedFieldIsReportedAtOnceAndKeepsItsValue() {
        SettingsMerge.Result r = apply(Map.of("count", "200", "tags", "[nope", "name", "c"));

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("count", "tags");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).isNotBlank());
        assertThat(r.values()).containsEntry("count", "3").containsEntry("tags", "[\"x\"]");
        assertThat(r.changed()).containsExactly("name");
    }

    @Test
    void fieldsTheSpecsDoNotKnowAreIgnoredHereAndLeftToTheServices() {
        SettingsMerge.Result r = apply(Map.of("bogus", "1"));

        assertThat(r.values()).doesNotContainKey("bogus");
        assertThat(errors).isEmpty();
    }

    @Test
    void requiredFieldsWithoutAValueAreReportedOnce() {
        SettingsMerge.Result r = merge.apply(SPECS, Map.of(), Map.of(), Map.of("name", "bad\nname"), errors);
        SettingsMerge.requireValues(SPECS, r, errors);

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("name", "token");
        assertThat(errors).filteredOn(e -> e.field().equals("token")).extracting(FieldError::message)
                .containsExactly("is required");
        assertThat(errors).filteredOn(e -> e.field().equals("name")).extracting(FieldError::message)
                .containsExactly("must be one line");
    }

    @Test
    void aStoredSecretSatisfiesARequiredSecretField() {
        List<FieldError> required = new ArrayList<>();
        SettingsMerge.requireValues(SPECS, apply(Map.of("token", "")), required);

        assertThat(required).isEmpty();
    }
}
