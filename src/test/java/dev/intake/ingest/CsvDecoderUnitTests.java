package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.intake.system.Limits;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

class CsvDecoderUnitTests {

	final NettyDataBufferFactory buffers = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));

	final List<NettyDataBuffer> emitted = new CopyOnWriteArrayList<>();

	final CsvDecoder decoder = new CsvDecoder(Limits.DEFAULTS);

	@Test
	void emitsTheHeaderThenEveryRow() {
		StepVerifier.create(this.decoder.decode(body("name,phone\nA,1\nB,2\n")))
			.expectNext(new CsvRecord(0, List.of("name", "phone")))
			.expectNext(new CsvRecord(1, List.of("A", "1")))
			.expectNext(new CsvRecord(2, List.of("B", "2")))
			.verifyComplete();
		assertAllReleased();
	}

	@Test
	void readsBomCrlfQuotesAndQuotedNewlinesAcrossBufferBoundaries() {
		String csv = "\uFEFFname,note\r\n\"Rao, \"\"KK\"\"\",\"two\nlines\"\r\n\r\nC,\r\n";
		StepVerifier.create(this.decoder.decode(bodyInChunksOf(3, csv)))
			.expectNext(new CsvRecord(0, List.of("name", "note")))
			.expectNext(new CsvRecord(1, List.of("Rao, \"KK\"", "two\nlines")))
			.expectNext(new CsvRecord(2, List.of("C", "")))
			.verifyComplete();
		assertAllReleased();
	}

	@Test
	void emitsNothingForAnEmptyBody() {
		StepVerifier.create(this.decoder.decode(Flux.empty())).verifyComplete();
	}

	@Test
	void failsAtParseStageOnAnUnterminatedQuote() {
		StepVerifier.create(this.decoder.decode(body("name,phone\n\"A,1\nB,2\n")))
			.expectNextCount(1)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(IngestFailure.class, (failure) -> {
				assertThat(failure.stage()).isEqualTo(IngestFailure.Stage.PARSE);
				assertThat(failure.code()).isEqualTo("malformed-csv");
			}))
			.verify(Duration.ofSeconds(10));
		assertAllReleased();
	}

	@Test
	void failsAtReceiveStageWhenTheBodyBreaks() {
		Flux<DataBuffer> broken = body("name,phone\nA,1\n").concatWith(Flux.error(new IllegalStateException("reset")));
		StepVerifier.create(this.decoder.decode(broken))
			.thenConsumeWhile(CsvRecord.class::isInstance)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(IngestFailure.class,
					(failure) -> assertThat(failure.stage()).isEqualTo(IngestFailure.Stage.RECEIVE)))
			.verify(Duration.ofSeconds(10));
		assertAllReleased();
	}

	@Test
	void failsOnACellLongerThanTheLimitWithoutReadingItWhole() {
		CsvDecoder strict = new CsvDecoder(limits(1_000, 200, 1_000_000));
		Flux<DataBuffer> endlessCell = body("name,phone\nA,")
			.concatWith(Flux.<DataBuffer>generate((sink) -> sink.next(buffer("x".repeat(4096)))).take(100_000));

		StepVerifier.create(strict.decode(endlessCell))
			.expectNextCount(1)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(IngestFailure.class, (failure) -> {
				assertThat(failure.stage()).isEqualTo(IngestFailure.Stage.PARSE);
				assertThat(failure.code()).isEqualTo("field-too-large");
			}))
			.verify(Duration.ofSeconds(10));
		assertThat(this.emitted).hasSizeLessThan(100);
		await(this::assertAllReleased);
	}

	@Test
	void failsOnARecordWithMoreCellsThanTheLimit() {
		CsvDecoder strict = new CsvDecoder(limits(1_000, 5, 1_000_000));

		StepVerifier.create(strict.decode(body("a,b\n1,2,3,4,5,6\n")))
			.expectNextCount(1)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(IngestFailure.class,
					(failure) -> assertThat(failure.code()).isEqualTo("too-many-columns")))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void failsOnARecordLongerThanTheLimitEvenWhenEveryCellFits() {
		CsvDecoder strict = new CsvDecoder(limits(1_000, 200, 2_500));
		String row = String.join(",", java.util.Collections.nCopies(5, "y".repeat(900)));

		StepVerifier.create(strict.decode(body("a,b,c,d,e\n" + row + "\n")))
			.expectNextCount(1)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(IngestFailure.class,
					(failure) -> assertThat(failure.code()).isEqualTo("record-too-large")))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void refusesInvalidUtf8WithItsOwnCode() {
		byte[] bytes = "name,phone\nA\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1);

		// Refused before the parser reads a record: Utf8Check sees the bytes first.
		StepVerifier.create(this.decoder.decode(Flux.defer(() -> Flux.just(wrap(bytes)))))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(IngestFailure.class, (failure) -> {
				assertThat(failure.stage()).isEqualTo(IngestFailure.Stage.PARSE);
				assertThat(failure.code()).isEqualTo("invalid-utf8");
				assertThat(failure.details()).containsEntry("byteOffset", 12L);
			}))
			.verify(Duration.ofSeconds(10));
		assertAllReleased();
	}

	@Test
	void refusesUtf16BeforeParsing() {
		byte[] bytes = "\uFEFFname,phone\nA,1\n".getBytes(StandardCharsets.UTF_16LE);

		StepVerifier.create(this.decoder.decode(bodyInChunksOf(1, bytes)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(IngestFailure.class, (failure) -> {
				assertThat(failure.stage()).isEqualTo(IngestFailure.Stage.HEADER);
				assertThat(failure.code()).isEqualTo("utf16-not-supported");
			}))
			.verify(Duration.ofSeconds(10));
		await(this::assertAllReleased);
	}

	@Test
	void refusesUtf16WithoutByteOrderMark() {
		byte[] bytes = "name,phone\nA,1\n".getBytes(StandardCharsets.UTF_16BE);

		StepVerifier.create(this.decoder.decode(Flux.defer(() -> Flux.just(wrap(bytes)))))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(IngestFailure.class,
					(failure) -> assertThat(failure.code()).isEqualTo("utf16-not-supported")))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void refusesGzipAndOtherBinaryContent() {
		byte[] gzip = { 0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3 };
		byte[] random = new byte[20_000];
		new java.util.Random(7).nextBytes(random);

		for (byte[] bytes : List.of(gzip, random)) {
			StepVerifier.create(this.decoder.decode(Flux.defer(() -> Flux.just(wrap(bytes)))))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(IngestFailure.class, (failure) -> {
					assertThat(failure.stage()).isEqualTo(IngestFailure.Stage.HEADER);
					assertThat(failure.code()).isEqualTo("binary-content");
				}))
				.verify(Duration.ofSeconds(10));
		}
		await(this::assertAllReleased);
	}

	@Test
	void readsNoFurtherThanDemandAndReleasesOnCancel() {
		AtomicLong pulled = new AtomicLong();
		Flux<DataBuffer> endless = Flux.<DataBuffer>generate((sink) -> sink.next(buffer("A,1\nB,2\n".repeat(512))))
			.doOnNext((buffer) -> pulled.incrementAndGet());
		Flux<DataBuffer> body = body("name,phone\n").concatWith(endless);

		StepVerifier.create(this.decoder.decode(body), 3)
			.expectNextCount(3)
			.thenAwait(Duration.ofMillis(300))
			.thenCancel()
			.verify(Duration.ofSeconds(10));

		assertThat(pulled.get()).as("buffers pulled from an endless body for 3 records").isLessThan(32);
		await(this::assertAllReleased);
	}

	private Flux<DataBuffer> body(String text) {
		return Flux.defer(() -> Flux.just(buffer(text)));
	}

	private Flux<DataBuffer> bodyInChunksOf(int size, String text) {
		return bodyInChunksOf(size, text.getBytes(StandardCharsets.UTF_8));
	}

	private Flux<DataBuffer> bodyInChunksOf(int size, byte[] bytes) {
		return Flux.range(0, (bytes.length + size - 1) / size).map((i) -> {
			int from = i * size;
			int length = Math.min(size, bytes.length - from);
			NettyDataBuffer buffer = (NettyDataBuffer) this.buffers.allocateBuffer(length);
			buffer.write(bytes, from, length);
			this.emitted.add(buffer);
			return buffer;
		});
	}

	private NettyDataBuffer buffer(String text) {
		return wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private NettyDataBuffer wrap(byte[] bytes) {
		NettyDataBuffer buffer = (NettyDataBuffer) this.buffers.wrap(bytes);
		this.emitted.add(buffer);
		return buffer;
	}

	private static Limits limits(int maxFieldLength, int maxColumns, int maxRecordLength) {
		return new Limits(Limits.DEFAULTS.maxBodySize(), maxFieldLength, maxColumns, maxRecordLength,
				Limits.DEFAULTS.readTimeout(), Limits.DEFAULTS.maxInflationRatio(),
				Limits.DEFAULTS.maxConcurrentUploadsPerTenant());
	}

	private void assertAllReleased() {
		assertThat(this.emitted).allSatisfy((buffer) -> assertThat(buffer.getNativeBuffer().refCnt()).isZero());
	}

	private static void await(Runnable assertion) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (true) {
			try {
				assertion.run();
				return;
			}
			catch (AssertionError ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				Thread.onSpinWait();
			}
		}
	}

}
