package dev.intake.progress.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StreamIdUnitTests {

	@Test
	void ordersLikeRedisByTimeThenSequence() {
		assertThat(StreamId.parse("1700000000000-2")).isGreaterThan(StreamId.parse("1700000000000-1"))
			.isLessThan(StreamId.parse("1700000000001-0"));
		assertThat(StreamId.parse("999-9")).isLessThan(StreamId.parse("1000-0"));
	}

	@Test
	void readsBareTimeAsSequenceZero() {
		assertThat(StreamId.parse("1700000000000")).isEqualTo(new StreamId(1700000000000L, 0));
	}

	@Test
	void writesWhatItReads() {
		assertThat(StreamId.parse("1700000000000-42")).hasToString("1700000000000-42");
	}

	@Test
	void nextIsTheSmallestLaterId() {
		assertThat(StreamId.parse("5-1").next()).isEqualTo(StreamId.parse("5-2"));
		assertThat(new StreamId(5, Long.MAX_VALUE).next()).isEqualTo(StreamId.parse("6-0"));
	}

	@Test
	void rejectsWhatIsNoStreamId() {
		assertThatIllegalArgumentException().isThrownBy(() -> StreamId.parse("abc"));
		assertThatIllegalArgumentException().isThrownBy(() -> StreamId.parse("1-2-3"));
		assertThatIllegalArgumentException().isThrownBy(() -> StreamId.parse("-1"));
		assertThatIllegalArgumentException().isThrownBy(() -> StreamId.parse("99999999999999999999-0"));
		assertThatIllegalArgumentException().isThrownBy(() -> StreamId.parse(null));
	}

}
