package dev.intake.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

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

class CharsetBodyUnitTests {

	private static final DefaultDataBufferFactory BUFFERS = new DefaultDataBufferFactory();

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private static final String LATIN = "full_name,amount_due\nJosé Núñez,€15\nFrançois Ødegård,½\n";

	private static final String DEVANAGARI = "full_name,primary_phone\nआशा वर्मा,9876543210\n😀 Ravi,9876543211\n";

	@Test
	void decodesWindows1252AndIso88591ToUtf8SplitAnywhere() {
		byte[] windows = LATIN.getBytes(WINDOWS_1252);
		byte[] latin1 = LATIN.replace("€", "E").getBytes(StandardCharsets.ISO_8859_1);
		for (int chunk = 1; chunk <= windows.length; chunk++) {
			assertThat(utf8(chunks(windows, chunk), WINDOWS_1252)).isEqualTo(LATIN);
			assertThat(utf8(chunks(latin1, chunk), StandardCharsets.ISO_8859_1)).isEqualTo(LATIN.replace("€", "E"));
		}
	}

	@Test
	void decodesUtf16ByItsByteOrderMarkWhateverIsDeclared() {
		byte[] little = concat(new byte[] { (byte) 0xFF, (byte) 0xFE }, DEVANAGARI.getBytes(StandardCharsets.UTF_16LE));
		byte[] big = concat(new byte[] { (byte) 0xFE, (byte) 0xFF }, DEVANAGARI.getBytes(StandardCharsets.UTF_16BE));
		for (int chunk = 1; chunk <= little.length; chunk++) {
			assertThat(utf8(chunks(little, chunk), null)).isEqualTo(DEVANAGARI);
			assertThat(utf8(chunks(big, chunk), WINDOWS_1252)).isEqualTo(DEVANAGARI);
		}
	}

	@Test
	void decodesDeclaredUtf16WithoutAMark() {
		assertThat(utf8(chunks(DEVANAGARI.getBytes(StandardCharsets.UTF_16LE), 7), StandardCharsets.UTF_16LE))
			.isEqualTo(DEVANAGARI);
		assertThat(utf8(chunks(DEVANAGARI.getBytes(StandardCharsets.UTF_16BE), 7), StandardCharsets.UTF_16))
			.isEqualTo(DEVANAGARI);
	}

	@Test
	void relaysUtf8UnchangedWithItsMarkEvenWhenAnotherCharsetIsDeclared() {
		byte[] marked = concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
				DEVANAGARI.getBytes(StandardCharsets.UTF_8));
		assertThat(bytes(chunks(marked, 2), WINDOWS_1252)).isEqualTo(marked);
		assertThat(bytes(chunks(DEVANAGARI.getBytes(StandardCharsets.UTF_8), 3), null))
			.isEqualTo(DEVANAGARI.getBytes(StandardCharsets.UTF_8));
		assertThat(bytes(chunks(new byte[] { 'a', 'b' }, 1), StandardCharsets.UTF_8)).containsExactly('a', 'b');
		StepVerifier.create(CharsetBody.utf8(Flux.empty(), WINDOWS_1252)).verifyComplete();
	}

	@Test
	void leavesAUtf32MarkForTheSnifferToRefuse() {
		byte[] utf32 = { (byte) 0xFF, (byte) 0xFE, 0, 0, 'a', 0, 0, 0 };
		assertThat(bytes(chunks(utf32, 3), null)).isEqualTo(utf32);
	}

	@Test
	void refusesAByteTheDeclaredCharsetDoesNotDefineNamingItsOffset() {
		byte[] windows = concat("full_name\nJosé".getBytes(WINDOWS_1252), new byte[] { (byte) 0x81, 'x' });
		assertInvalid(chunks(windows, 4), WINDOWS_1252, "invalid-windows-1252", 14);
	}

	@Test
	void refusesUtf16CutInsideACharacterOrWithALoneSurrogateNamingTheOffset() {
		byte[] odd = concat(new byte[] { (byte) 0xFF, (byte) 0xFE }, "ab".getBytes(StandardCharsets.UTF_16LE),
				new byte[] { 'c' });
		assertInvalid(chunks(odd, 3), null, "invalid-utf16le", 6);
		byte[] lone = concat(new byte[] { (byte) 0xFE, (byte) 0xFF }, "a".getBytes(StandardCharsets.UTF_16BE),
				new byte[] { (byte) 0xDC, 0x00, 0, 'b' });
		assertInvalid(chunks(lone, 1), null, "invalid-utf16be", 4);
	}

	@Test
	void releasesEveryBufferItDecodes() {
		NettyDataBufferFactory netty = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
		List<NettyDataBuffer> sent = Arrays.stream(new String[] { "José,", "Núñez\n" })
			.map((text) -> (NettyDataBuffer) netty.wrap(text.getBytes(WINDOWS_1252)))
			.toList();
		assertThat(utf8(Flux.fromIterable(sent), WINDOWS_1252)).isEqualTo("José,Núñez\n");
		assertThat(sent).allSatisfy((buffer) -> assertThat(buffer.getNativeBuffer().refCnt()).isZero());
	}

	@Test
	void namesCodesInTheFamilyOfInvalidUtf8() {
		assertThat(CharsetBody.invalidCode(StandardCharsets.UTF_8)).isEqualTo("invalid-utf8");
		assertThat(CharsetBody.invalidCode(StandardCharsets.UTF_16)).isEqualTo("invalid-utf16");
		assertThat(CharsetBody.invalidCode(WINDOWS_1252)).isEqualTo("invalid-windows-1252");
	}

	private static void assertInvalid(Flux<DataBuffer> body, Charset declared, String code, long offset) {
		StepVerifier.create(CharsetBody.utf8(body, declared))
			.thenConsumeWhile((buffer) -> true)
			.expectErrorSatisfies((ex) -> {
				IngestFailure failure = (IngestFailure) ex;
				assertThat(failure.code()).isEqualTo(code);
				assertThat(failure.stage()).isEqualTo(IngestFailure.Stage.PARSE);
				assertThat(failure.details()).containsEntry("byteOffset", offset);
				assertThat(failure.getMessage()).contains("byte offset " + offset);
			})
			.verify();
	}

	private static String utf8(Flux<DataBuffer> body, Charset declared) {
		return new String(bytes(body, declared), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(Flux<DataBuffer> body, Charset declared) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CharsetBody.utf8(body, declared).doOnNext((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			out.writeBytes(bytes);
		}).blockLast();
		return out.toByteArray();
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
