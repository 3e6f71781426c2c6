package dev.intake.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

class GzipBodyUnitTests {

	private static final DefaultDataBufferFactory BUFFERS = new DefaultDataBufferFactory();

	private static final byte[] TEXT = "full_name,primary_phone\nJosé Núñez,9876543210\nआशा वर्मा,9876543211\n"
		.getBytes(StandardCharsets.UTF_8);

	@Test
	void inflatesAMemberSplitAtEveryPossibleByte() {
		byte[] packed = gzip(TEXT);
		for (int chunk = 1; chunk <= packed.length; chunk++) {
			assertThat(inflated(chunks(packed, chunk))).as("chunks of %d", chunk).isEqualTo(TEXT);
		}
	}

	@Test
	void inflatesConcatenatedMembersInOrder() {
		byte[] first = "full_name,primary_phone\n".getBytes(StandardCharsets.UTF_8);
		byte[] second = "Asha,9876543210\n".getBytes(StandardCharsets.UTF_8);
		byte[] both = concat(gzip(first), gzip(new byte[0]), gzip(second));
		for (int chunk : new int[] { 1, 7, both.length }) {
			assertThat(new String(inflated(chunks(both, chunk)), StandardCharsets.UTF_8))
				.isEqualTo("full_name,primary_phone\nAsha,9876543210\n");
		}
	}

	@Test
	void readsEveryOptionalHeaderField() {
		byte[] packed = withHeaderFields(TEXT);
		for (int chunk : new int[] { 1, 3, packed.length }) {
			assertThat(inflated(chunks(packed, chunk))).isEqualTo(TEXT);
		}
	}

	@Test
	void inflatesTheGzipOfAnEmptyFileToNothingAndAnEmptyBodyToNothing() {
		StepVerifier.create(GzipBody.inflated(chunks(gzip(new byte[0]), 5), 100)).verifyComplete();
		StepVerifier.create(GzipBody.inflated(Flux.empty(), 100)).verifyComplete();
	}

	@Test
	void refusesATruncatedBodyAtEveryCut() {
		byte[] packed = gzip(TEXT);
		for (int cut = 1; cut < packed.length; cut++) {
			assertInvalid(chunks(Arrays.copyOf(packed, cut), 4), "cut off|corrupt");
		}
	}

	@Test
	void refusesWhatIsNotGzipAndTrailingBytesThatStartNoMember() {
		assertInvalid(chunks(TEXT, 10), "magic number");
		assertInvalid(chunks(concat(gzip(TEXT), "x".getBytes(StandardCharsets.UTF_8)), 10), "do not start");
	}

	@Test
	void refusesAWrongChecksumAndCorruptData() {
		byte[] badCrc = gzip(TEXT);
		badCrc[badCrc.length - 8] ^= 1;
		assertInvalid(chunks(badCrc, 16), "CRC-32");
		byte[] badSize = gzip(TEXT);
		badSize[badSize.length - 1] ^= 1;
		assertInvalid(chunks(badSize, 16), "size");
		byte[] corrupt = gzip(TEXT);
		corrupt[10] = (byte) 0xFF;
		assertInvalid(chunks(corrupt, 16), "corrupt");
	}

	@Test
	void stopsABombOnceItInflatesPastTheRatioAfterAMebibyte() {
		byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
		List<DataBuffer> inflated = new ArrayList<>();
		StepVerifier.create(GzipBody.inflated(chunks(bomb, 8192), 100))
			.recordWith(() -> inflated)
			.thenConsumeWhile((buffer) -> true)
			.expectErrorSatisfies((ex) -> {
				IngestFailure failure = (IngestFailure) ex;
				assertThat(failure.code()).isEqualTo(GzipBody.INFLATION_RATIO_EXCEEDED);
				assertThat(failure.stage()).isEqualTo(IngestFailure.Stage.RECEIVE);
				assertThat(failure.details()).containsEntry("maxInflationRatio", 100);
			})
			.verify();
		long total = inflated.stream().mapToLong(DataBuffer::readableByteCount).sum();
		assertThat(total).isGreaterThanOrEqualTo(GzipMembers.RATIO_FLOOR).isLessThan(2 * 1024 * 1024);
	}

	@Test
	void letsAFileThatCompressesWellPassUnderTheRatio() {
		byte[] text = "Asha Verma,9876543210,1500,15/11/2024\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);
		byte[] packed = gzip(text);
		int ratio = (int) (text.length / packed.length) + 1;
		assertThat(inflated(chunks(packed, 8192), ratio)).hasSize(text.length);
	}

	@Test
	void emitsBoundedChunksOnDemandAndReleasesEveryCompressedBuffer() {
		byte[] packed = gzip(new byte[1024 * 1024]);
		List<DataBuffer> sent = new ArrayList<>();
		NettyDataBufferFactory netty = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
		Flux<DataBuffer> body = Flux.just(packed).map(netty::wrap).doOnNext(sent::add);
		StepVerifier.create(GzipBody.inflated(body, 10_000), 1)
			.assertNext((chunk) -> assertThat(chunk.readableByteCount()).isLessThanOrEqualTo(GzipMembers.CHUNK))
			.thenCancel()
			.verify();
		assertThat(sent).hasSize(1)
			.allSatisfy((buffer) -> assertThat(((NettyDataBuffer) buffer).getNativeBuffer().refCnt()).isZero());
	}

	@Test
	void relaysAnErrorOfTheBody() {
		byte[] packed = gzip(TEXT);
		Flux<DataBuffer> failing = chunks(Arrays.copyOf(packed, 12), 12)
			.concatWith(Flux.error(new IllegalStateException("reset")));
		StepVerifier.create(GzipBody.inflated(failing, 100))
			.thenConsumeWhile((buffer) -> true)
			.expectErrorMessage("reset")
			.verify();
	}

	private static byte[] inflated(Flux<DataBuffer> body) {
		return inflated(body, 100);
	}

	private static byte[] inflated(Flux<DataBuffer> body, int ratio) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		GzipBody.inflated(body, ratio).doOnNext((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			out.writeBytes(bytes);
		}).blockLast();
		return out.toByteArray();
	}

	private static void assertInvalid(Flux<DataBuffer> body, String problem) {
		StepVerifier.create(GzipBody.inflated(body, 100))
			.thenConsumeWhile((buffer) -> true)
			.expectErrorSatisfies((ex) -> {
				assertThat(((IngestFailure) ex).code()).isEqualTo(GzipBody.INVALID_GZIP);
				assertThat(ex.getMessage()).containsPattern(problem);
			})
			.verify();
	}

	static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream packed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return packed.toByteArray();
	}

	/** A member with FEXTRA, FNAME, FCOMMENT and FHCRC, as some tools write them. */
	private static byte[] withHeaderFields(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { 0x1F, (byte) 0x8B, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3 });
		out.writeBytes(new byte[] { 3, 0, 'a', 'b', 'c' });
		out.writeBytes("customers.csv\0".getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes("exported\0".getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(new byte[] { 0x12, 0x34 });
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		deflater.setInput(bytes);
		deflater.finish();
		byte[] buffer = new byte[bytes.length + 64];
		out.write(buffer, 0, deflater.deflate(buffer));
		deflater.end();
		CRC32 crc = new CRC32();
		crc.update(bytes);
		writeInt(out, crc.getValue());
		writeInt(out, bytes.length);
		return out.toByteArray();
	}

	private static void writeInt(ByteArrayOutputStream out, long value) {
		for (int i = 0; i < 4; i++) {
			out.write((int) (value >>> (8 * i)) & 0xFF);
		}
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static Flux<DataBuffer> chunks(byte[] bytes, int size) {
		return Flux.range(0, (bytes.length + size - 1) / size)
			.map((i) -> BUFFERS.wrap(Arrays.copyOfRange(bytes, i * size, Math.min(bytes.length, (i + 1) * size))));
	}

}
