package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/** What Test connection tells of a failure: class, status and code of an answer, never the answer's text. */
class ProviderConnectionTesterTest {
    @Test
    void anAnswerIsReportedByStatusAndCodeOnly() {
        ProviderException e = new ProviderException(ProviderErrorClass.AUTH, "EC2 AuthFailure: <html>INTERNAL</html>",
                null, null, 401, "AuthFailure");

        assertThat(ProviderConnectionTester.describe(e))
                .isEqualTo("auth: the endpoint answered HTTP 401 with error code AuthFailure");
    }

    @Test
    void anAnswerWithoutACodeSaysSo() {
        ProviderException e = new ProviderException(ProviderErrorClass.OTHER, "first line of a proxy page", null, null,
                502, null);

        assertThat(ProviderConnectionTester.describe(e)).isEqualTo("other: the endpoint answered HTTP 502 without "
                + "an error code");
    }

    @Test
    void noAnswerIsReportedWithoutTheLowLevelMessage() {
        ProviderException e = new ProviderException(ProviderErrorClass.OTHER, "did not answer at http://10.0.0.5: x",
                null, new ConnectException("Connection refused"));

        assertThat(ProviderConnectionTester.describe(e)).isEqualTo("other: no answer from the endpoint");
    }

    @Test
    void theProvidersOwnCheckOfItsSettingsIsShownInFull() {
        ProviderException e = new ProviderException(ProviderErrorClass.BAD_CONFIG,
                "the region \"xx1\" does not exist (digital_ocean_region)");

        assertThat(ProviderConnectionTester.describe(e)).isEqualTo("bad_config: the region \"xx1\" does not exist "
                + "(digital_ocean_region)");
    }
}
