package dev.intake.progress.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class OutageUnitTests {

	Counter failures = new SimpleMeterRegistry().counter("failures");

	Outage outage = new Outage("Testing the outage", this.failures);

	@Test
	void countsEveryFailureButLogsAnOutageOnce(CapturedOutput output) {
		for (int i = 0; i < 50; i++) {
			this.outage.failed(new IllegalStateException("Redis is away"));
		}
		this.outage.recovered();
		this.outage.recovered();

		assertThat(this.failures.count()).isEqualTo(50);
		assertThat(output.getOut().split("Testing the outage failed", -1)).hasSize(2);
		assertThat(output.getOut().split("Testing the outage works again after 50 failures", -1)).hasSize(2);
	}

	@Test
	void logsEachOutageOfItsOwn(CapturedOutput output) {
		this.outage.failed(new IllegalStateException("first"));
		this.outage.recovered();
		this.outage.failed(new IllegalStateException("second"));

		assertThat(output.getOut().split("Testing the outage failed", -1)).hasSize(3);
		assertThat(this.outage.isDown()).isTrue();
	}

	@Test
	void tellsSubscribersWhetherRedisWorks() {
		StepVerifier.create(this.outage.working())
			.expectNext(true)
			.then(() -> this.outage.failed(new IllegalStateException("away")))
			.then(() -> this.outage.failed(new IllegalStateException("still away")))
			.expectNext(false)
			.then(this.outage::recovered)
			.expectNext(true)
			.thenCancel()
			.verify();
	}

}
