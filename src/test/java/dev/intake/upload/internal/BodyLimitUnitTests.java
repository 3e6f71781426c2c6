package dev.intake.upload.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.intake.ingest.IngestFailure;
import dev.intake.system.Limits;
import dev.intake.system.Problem;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class BodyLimitUnitTests {

	private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);

	private final BodyLimit limit = new BodyLimit(limits("10B"));

	@Test
	void passesContentUpToTheLimit() {
		AtomicLong received = new AtomicLong();
		StepVerifier
			.create(this.limit.limited(Flux.just(buffer("abcde"), buffer("fghij")), received::addAndGet,
					BodyTooLarge::failure))
			.consumeNextWith(DataBufferUtils::release)
			.consumeNextWith(DataBufferUtils::release)
			.verifyComplete();
		assertThat(received).hasValue(10);
	}

	@Test
	void releasesTheBufferThatCrossesTheLimitAndErrorsWithTheLimit() {
		NettyDataBuffer crossing = buffer("fghijk");
		StepVerifier
			.create(this.limit.limited(Flux.just(buffer("abcde"), crossing), new AtomicLong()::addAndGet,
					BodyTooLarge::failure))
			.consumeNextWith(DataBufferUtils::release)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(IngestFailure.class, (failure) -> {
				assertThat(failure.stage()).isEqualTo(IngestFailure.Stage.RECEIVE);
				assertThat(failure.code()).isEqualTo(BodyTooLarge.CODE);
				assertThat(failure.details()).isEqualTo(Map.of("maxBodySize", 10L));
			}))
			.verify();
		assertThat(crossing.getNativeBuffer().refCnt()).isZero();
	}

	@Test
	void countsBytesFromWhereTheFileStands() {
		AtomicLong received = new AtomicLong(8);
		StepVerifier.create(this.limit.limited(Flux.just(buffer("abc")), received::addAndGet, BodyTooLarge::crossed))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(Problem.class,
					(problem) -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE)))
			.verify();
	}

	@Test
	void refusesContentAnnouncedPastTheLimitOnly() {
		assertThatNoException().isThrownBy(() -> this.limit.checkAnnounced(10));
		assertThatNoException().isThrownBy(() -> this.limit.checkAnnounced(-1));
		assertThatExceptionOfType(Problem.class).isThrownBy(() -> this.limit.checkAnnounced(11))
			.satisfies((problem) -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
		assertThat(this.limit.maxBytes()).isEqualTo(10);
	}

	private static NettyDataBuffer buffer(String text) {
		return (NettyDataBuffer) BUFFERS.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private static Limits limits(String maxBodySize) {
		return new Binder(new MapConfigurationPropertySource(Map.of("intake.limits.max-body-size", maxBodySize)))
			.bindOrCreate("intake.limits", Limits.class);
	}

}
