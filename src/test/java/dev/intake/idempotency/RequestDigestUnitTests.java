package dev.intake.idempotency;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RequestDigestUnitTests {

	@Test
	void digestsTheSameBytesTheSameWayHoweverTheyAreSplit() {
		assertThat(digestOf("a.csv", "name,phone\n", "Asha,98765\n"))
			.isEqualTo(digestOf("a.csv", "name,phone\nAsha,98765\n"))
			.isEqualTo(digestOf("a.csv", "na", "me,phone\nAsha", ",98765\n"));
	}

	@Test
	void tellsApartOtherBytesOtherFilenamesAndCreation() {
		byte[] content = digestOf("a.csv", "x,y\n");

		assertThat(content).isNotEqualTo(digestOf("a.csv", "x,z\n"))
			.isNotEqualTo(digestOf("b.csv", "x,y\n"))
			.isNotEqualTo(digestOf("a.csvx", ",y\n"))
			.isNotEqualTo(digestOf("a.csv"))
			.isNotEqualTo(RequestDigest.ofCreate("a.csv"));
		assertThat(RequestDigest.ofCreate("a.csv")).isEqualTo(RequestDigest.ofCreate("a.csv"))
			.isNotEqualTo(RequestDigest.ofCreate("b.csv"))
			.hasSize(32);
	}

	@Test
	void passesEveryBufferOnUnreadAndUnreleased() {
		RequestDigest digest = RequestDigest.ofContent("a.csv");
		DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.wrap("x,y\n".getBytes(StandardCharsets.UTF_8));

		StepVerifier.create(digest.digesting(Flux.just(buffer)))
			.assertNext((passed) -> assertThat(passed.readableByteCount()).isEqualTo(4))
			.verifyComplete();
		assertThat(digest.value()).isEqualTo(digestOf("a.csv", "x,y\n"));
	}

	@Test
	void refusesBytesAfterTheDigestIsComplete() {
		RequestDigest digest = RequestDigest.ofContent("a.csv");
		digest.value();

		StepVerifier.create(digest.digesting(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(new byte[1]))))
			.verifyError(IllegalStateException.class);
	}

	private static byte[] digestOf(String filename, String... chunks) {
		RequestDigest digest = RequestDigest.ofContent(filename);
		digest
			.digesting(Flux.fromArray(chunks)
				.map((chunk) -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.UTF_8))))
			.doOnNext(DataBufferUtils::release)
			.blockLast();
		return digest.value();
	}

}
