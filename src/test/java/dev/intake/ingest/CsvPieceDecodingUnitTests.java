package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.intake.system.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

class CsvPieceDecodingUnitTests {

	static final String CSV = "\uFEFFname,note\r\n\"Rao, \"\"KK\"\"\",\"two\nlines\"\r\n\r\nC,₹15\r\n"
			+ "Ünïcödé 😀,\"a\r\nb\"\nlast,row\n\n\"quoted\",\"end\"\nno,newline";

	final CsvDecoder decoder = new CsvDecoder(Limits.DEFAULTS);

	@ParameterizedTest(name = "arriving in buffers of {0} bytes")
	@ValueSource(ints = { 1, 2, 7, 64 })
	void resumingAfterTheLastRecordOfAPieceCutAtAnyByteDecodesTheFileOnce(int buffer) {
		byte[] file = CSV.getBytes(StandardCharsets.UTF_8);
		List<CsvRecord> whole = withoutEnds(this.decoder.decode(body(file, 0, file.length, 5)).collectList().block());
		for (int cut = 0; cut <= file.length; cut++) {
			List<CsvRecord> first = this.decoder.decode(body(file, 0, cut, buffer), 0, 0, false)
				.collectList()
				.block(Duration.ofSeconds(10));
			long offset = first.isEmpty() ? 0 : first.get(first.size() - 1).end();
			long next = first.isEmpty() ? 0 : first.get(first.size() - 1).number() + 1;
			assertThat(offset).as("offset after a piece cut at %d", cut).isLessThanOrEqualTo(cut);
			List<CsvRecord> rest = this.decoder.decode(body(file, (int) offset, file.length, 3), offset, next, true)
				.collectList()
				.block(Duration.ofSeconds(10));
			List<CsvRecord> both = new ArrayList<>(withoutEnds(first));
			both.addAll(withoutEnds(rest));
			assertThat(both).as("records of a piece cut at byte %d, then the rest from %d", cut, offset)
				.isEqualTo(whole);
		}
	}

	@ParameterizedTest(name = "arriving in buffers of {0} bytes")
	@ValueSource(ints = { 1, 2, 3, 64 })
	void endsEveryRecordOnItsLineEnding(int buffer) {
		byte[] file = "a,b\nc,d\r\ne,f".getBytes(StandardCharsets.UTF_8);
		List<CsvRecord> records = this.decoder.decode(body(file, 0, file.length, buffer), 0, 0, true)
			.collectList()
			.block();
		assertThat(records).hasSize(3);
		assertThat(records.get(0).end()).isBetween(3L, 4L);
		assertThat(records.get(1).end()).isBetween(7L, 9L);
		assertThat(records.get(2).end()).isEqualTo(12L);
	}

	@Test
	void keepsTheLastRecordOfAPieceThatEndsOnItsLineEnding() {
		byte[] file = "a,b\nc,\"d\ne\"\r\n".getBytes(StandardCharsets.UTF_8);
		List<CsvRecord> records = this.decoder.decode(body(file, 0, file.length, 3), 0, 0, false).collectList().block();
		assertThat(records).extracting(CsvRecord::number).containsExactly(0L, 1L);
		assertThat(records.get(1).end()).isEqualTo(file.length);
	}

	@Test
	void leavesAQuotedCellThatThePieceCutsAfterALineBreakForTheNextPiece() {
		byte[] file = "a,b\nc,\"d\n".getBytes(StandardCharsets.UTF_8);
		List<CsvRecord> records = this.decoder.decode(body(file, 0, file.length, 3), 0, 0, false).collectList().block();
		assertThat(records).extracting(CsvRecord::number).containsExactly(0L);
		assertThat(records.get(0).end()).isBetween(3L, 4L);
	}

	private static List<CsvRecord> withoutEnds(List<CsvRecord> records) {
		return records.stream().map((record) -> new CsvRecord(record.number(), record.fields())).toList();
	}

	private static Flux<DataBuffer> body(byte[] file, int from, int to, int chunk) {
		List<byte[]> chunks = new ArrayList<>();
		for (int at = from; at < to; at += chunk) {
			chunks.add(Arrays.copyOfRange(file, at, Math.min(to, at + chunk)));
		}
		return Flux.fromIterable(chunks).map(DefaultDataBufferFactory.sharedInstance::wrap);
	}

}
