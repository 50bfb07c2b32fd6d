package org.skyhold.domain.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.ProviderErrorClass;

/** Which failed calls may have reached the cloud (ask again with the same key) and which certainly did not. */
class LostAnswersTest {
    private static ProviderException failed(Throwable cause) {
        return new ProviderException(ProviderErrorClass.OTHER, "failed", null, cause);
    }

    @Test
    void aTimeoutAResetOrAnAnswerCutShortIsALostAnswer() {
        assertThat(LostAnswers.isLost(failed(new SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(LostAnswers.isLost(failed(new SocketException("Connection reset")))).isTrue();
        assertThat(LostAnswers.isLost(failed(new EOFException("end of stream")))).isTrue();
        assertThat(LostAnswers.isLost(failed(new TimeoutException()))).as("the guard's call timeout").isTrue();
        assertThat(LostAnswers.isLost(failed(new RuntimeException("sdk", new UncheckedIOException(
                new IOException("The target server failed to respond")))))).as("deep in the SDK's causes").isTrue();
    }

    @Test
    void aRequestThatNeverLeftOrAnyAnswerOfTheCloudIsNotLost() {
        assertThat(LostAnswers.isLost(failed(new ConnectException("Connection refused")))).isFalse();
        assertThat(LostAnswers.isLost(failed(new UnknownHostException("ec2.nowhere")))).isFalse();
        assertThat(LostAnswers.isLost(new ProviderException(ProviderErrorClass.CAPACITY, "no room"))).isFalse();
        assertThat(LostAnswers.isLost(failed(new IllegalStateException("a bug")))).isFalse();
        assertThat(LostAnswers.isLost(new ProviderException(ProviderErrorClass.OTHER, "HTTP 502", null,
                new SocketException("reset after the status line"), 502, null))).as("the cloud answered").isFalse();
    }
}
