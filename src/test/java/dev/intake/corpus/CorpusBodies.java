package dev.intake.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import dev.intake.testing.Csv;
import dev.intake.testing.HugeCsv;

/**
 * The bodies of the corpus: its files, and the big ones made at test time so no huge file
 * is committed.
 */
final class CorpusBodies {

	private static final String ROW = "Asha Rao,9811100001,,LN-1,1500,2024-11-15,,,\n";

	private static byte[] gzipBomb;

	private CorpusBodies() {
	}

	static byte[] bytes(CorpusCase corpusCase) {
		if (!corpusCase.generated()) {
			return file(corpusCase.source());
		}
		return switch (corpusCase.generator()) {
			case "field-1mb" ->
				text(Csv.HEADER + "\n" + "x".repeat(1024 * 1024) + ",9811100001,,LN-1,1,2024-11-15,,,\n");
			case "columns-10k" -> text(columns(10_000) + "\n" + ROW);
			case "record-too-large" -> text(
					Csv.HEADER + "\n" + String.join(",", java.util.Collections.nCopies(20, "y".repeat(90_000))) + "\n");
			case "gzip-bomb" -> gzipBomb();
			// Ten unknown columns named with 99,990 characters each: a header just under
			// the record limit.
			case "huge-header" -> HugeCsv.rows(0).bytes();
			// A record just under the record limit with six row errors, within the corpus
			// body limit.
			case "huge-rows" -> HugeCsv.rows(1).bytes();
			// Past the bytes the content sniffer reads, where only the parser path sees
			// them.
			case "overlong-after-8kb" -> concat(rows(200), new byte[] { (byte) 0xC0, (byte) 0xAF, '\n' });
			case "nul-after-8kb" -> concat(rows(200), text("Asha\u0000Rao,9811100999,,LN-NUL,1500,2024-11-15,,,\n"));
			case "nul-in-long-header" -> text(Csv.HEADER + "," + "x".repeat(9000) + ",bad\u0000column\n" + ROW);
			default -> throw new IllegalArgumentException("No generator " + corpusCase.source());
		};
	}

	/** A body made while it is sent, chunk by chunk. */
	static Stream<byte[]> chunks(CorpusCase corpusCase) {
		return switch (corpusCase.generator()) {
			// A 100 MB line without a newline: one endless cell.
			case "line-100mb" -> chunks(Csv.HEADER + "\n", "x".repeat(64 * 1024), 100L * 1024 * 1024);
			// Valid rows, 100 times the body limit.
			case "oversized" -> chunks(Csv.HEADER + "\n", ROW.repeat(1024), 200L * 1024 * 1024);
			default -> throw new IllegalArgumentException("No streamed generator " + corpusCase.source());
		};
	}

	private static Stream<byte[]> chunks(String first, String repeated, long total) {
		byte[] chunk = repeated.getBytes(StandardCharsets.UTF_8);
		return Stream.concat(Stream.of(text(first)), Stream.generate(() -> chunk).limit(total / chunk.length));
	}

	/** The header and distinct valid rows, some 10 KB for 200. */
	private static byte[] rows(int count) {
		StringBuilder csv = new StringBuilder(Csv.HEADER).append('\n');
		for (int i = 0; i < count; i++) {
			csv.append("Asha Rao,").append(9811100000L + i).append(",,LN-").append(i).append(",1500,2024-11-15,,,\n");
		}
		return text(csv.toString());
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	static String columns(int count) {
		StringBuilder header = new StringBuilder();
		for (int i = 0; i < count; i++) {
			header.append((i == 0) ? "" : ",").append("column_").append(i);
		}
		return header.toString();
	}

	/** 256 MB of zeros, gzipped to about a quarter of a megabyte. */
	static synchronized byte[] gzipBomb() {
		if (gzipBomb == null) {
			ByteArrayOutputStream packed = new ByteArrayOutputStream();
			try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
				byte[] zeros = new byte[1024 * 1024];
				for (int i = 0; i < 256; i++) {
					gzip.write(zeros);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			gzipBomb = packed.toByteArray();
		}
		return gzipBomb;
	}

	private static byte[] file(String name) {
		try (InputStream in = CorpusBodies.class.getResourceAsStream(CorpusCase.FOLDER + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No corpus file " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] text(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
