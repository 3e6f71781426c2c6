package dev.intake.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.intake.system.Limits;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds the CSV decoder arbitrary bytes, cut into arbitrary buffers: it must emit records
 * and end, or end with an {@link IngestFailure} of a known code, never with another
 * exception and never hang. Replays the saved inputs in every build; fuzzes for real with
 * {@code JAZZER_FUZZ=1}.
 */
class CsvDecoderFuzzTests {

	private static final Set<String> CODES = Set.of("malformed-csv", "invalid-utf8", "field-too-large",
			"too-many-columns", "record-too-large", "binary-content", "utf16-not-supported");

	private static final CsvDecoder decoder = new CsvDecoder(
			new Limits(DataSize.ofMegabytes(1), 200, 20, 1_000, Duration.ofSeconds(30), 100, 4));

	@FuzzTest(maxDuration = "3m")
	void decodesAnyBytesIntoRecordsOrAKnownFailure(FuzzedDataProvider data) {
		int chunk = data.consumeInt(1, 64);
		byte[] bytes = data.consumeRemainingAsBytes();

		List<CsvRecord> records = decoder.decode(buffers(bytes, chunk))
			.onErrorResume(IngestFailure.class, (failure) -> {
				assertThat(CODES).contains(failure.code());
				return Flux.empty();
			})
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(records).allSatisfy((record) -> assertThat(record.fields()).hasSizeLessThanOrEqualTo(20));
	}

	private static Flux<DataBuffer> buffers(byte[] bytes, int chunk) {
		return Flux.range(0, (bytes.length + chunk - 1) / chunk).map((i) -> {
			int from = i * chunk;
			byte[] part = java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chunk));
			return DefaultDataBufferFactory.sharedInstance.wrap(part);
		});
	}

}
