package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8CheckUnitTests {

	private static final DefaultDataBufferFactory BUFFERS = new DefaultDataBufferFactory();

	@Test
	void relaysWellFormedTextOfEveryLengthEvenSplitInsideACharacter() {
		byte[] text = "Asha ₹ आशा 😀 ７\nAsha Rao,+919876543210,1234.50,2026-12-01 ₹ long ASCII runs,आशा\n"
			.getBytes(StandardCharsets.UTF_8);
		for (int chunk = 1; chunk <= text.length; chunk++) {
			StepVerifier.create(
					Utf8Check.checked(chunks(text, chunk)).map(DataBuffer::readableByteCount).reduce(0, Integer::sum))
				.expectNext(text.length)
				.verifyComplete();
		}
	}

	@Test
	void refusesEveryIllFormedSequenceNamingItsOffset() {
		assertRefused(bytes(0xC0, 0xAF), 0, "overlong");
		assertRefused(bytes(0xC0, 0x80), 0, "overlong");
		assertRefused(bytes(0xE0, 0x80, 0xAF), 0, "overlong");
		assertRefused(bytes(0xF0, 0x80, 0x80, 0xAF), 0, "overlong");
		assertRefused(bytes(0xED, 0xA0, 0x80), 0, "surrogate");
		assertRefused(bytes(0xED, 0xBF, 0xBF), 0, "surrogate");
		assertRefused(bytes(0xF4, 0x90, 0x80, 0x80), 0, "above U+10FFFF");
		assertRefused(bytes(0xF5, 0x80, 0x80, 0x80), 0, "above U+10FFFF");
		assertRefused(bytes(0x80), 0, "continuation byte");
		assertRefused(bytes(0xFF), 0, "never has");
		assertRefused(bytes(0xE2, 0x82, 0x41), 0, "cut off");
		assertRefused(bytes(0xE2, 0x82), 0, "end of the file");
	}

	@Test
	void refusesAtOnceAfterTheSniffedBytesAndCountsTheOffsetOverBuffers() {
		byte[] text = new byte[ContentSniffer.SNIFF_LENGTH + 100];
		Arrays.fill(text, (byte) 'a');
		text[ContentSniffer.SNIFF_LENGTH + 50] = (byte) 0xC1;
		List<Integer> relayed = new ArrayList<>();
		StepVerifier.create(Utf8Check.checked(chunks(text, 1000)).map(DataBuffer::readableByteCount))
			.recordWith(() -> relayed)
			.thenConsumeWhile((count) -> true)
			.expectErrorSatisfies((ex) -> assertThat(((IngestFailure) ex).details()).containsEntry("byteOffset",
					(long) ContentSniffer.SNIFF_LENGTH + 50))
			.verify();
		assertThat(relayed).hasSize(ContentSniffer.SNIFF_LENGTH / 1000);
	}

	@Test
	void waitsForTheContentSnifferWithinItsBytesAndReleasesWhatFollows() {
		byte[] text = new byte[3000];
		Arrays.fill(text, (byte) 'a');
		text[10] = (byte) 0xC0;
		List<DataBuffer> sent = new ArrayList<>();
		Flux<DataBuffer> body = chunks(text, 1000).doOnNext(sent::add);
		StepVerifier.create(Utf8Check.checked(body))
			.expectErrorSatisfies((ex) -> assertThat(((IngestFailure) ex).code()).isEqualTo(Utf8Check.CODE))
			.verify();
		assertThat(sent).hasSize(3);
	}

	/**
	 * Refuses {@code bad} after 2 to 19 ASCII bytes, whole or in chunks of 1, 7 or 8
	 * bytes: ASCII is skipped eight bytes at a time, so every position in such a word and
	 * every split of it is tried.
	 */
	private static void assertRefused(byte[] bad, long offset, String problem) {
		for (int ascii = 2; ascii < 20; ascii++) {
			byte[] text = new byte[bad.length + ascii];
			Arrays.fill(text, 0, ascii, (byte) 'k');
			System.arraycopy(bad, 0, text, ascii, bad.length);
			for (int chunk : new int[] { 1, 7, 8, text.length }) {
				long expected = offset + ascii;
				StepVerifier.create(Utf8Check.checked(chunks(text, chunk)))
					.thenConsumeWhile((buffer) -> true)
					.expectErrorSatisfies((ex) -> {
						IngestFailure failure = (IngestFailure) ex;
						assertThat(failure.code()).isEqualTo("invalid-utf8");
						assertThat(failure.stage()).isEqualTo(IngestFailure.Stage.PARSE);
						assertThat(failure.details()).containsEntry("byteOffset", expected);
						assertThat(failure.getMessage()).contains("byte offset " + expected).contains(problem);
					})
					.verify();
			}
		}
	}

	private static Flux<DataBuffer> chunks(byte[] bytes, int size) {
		List<byte[]> chunks = new ArrayList<>();
		for (int at = 0; at < bytes.length; at += size) {
			chunks.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size)));
		}
		return Flux.fromIterable(chunks).map(BUFFERS::wrap);
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
