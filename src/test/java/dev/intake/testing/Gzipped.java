package dev.intake.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip bodies for tests, compressed as they are made: a bomb is never held inflated, only
 * its compressed bytes (about a thousandth of its size).
 */
public final class Gzipped {

	private Gzipped() {
	}

	/** The bytes as one gzip member. */
	public static byte[] of(byte[] bytes) {
		return streamed((out) -> out.write(bytes));
	}

	/** This many mebibytes of zeros, gzipped. */
	public static byte[] zeros(int mebibytes) {
		byte[] zeros = new byte[1024 * 1024];
		return streamed((out) -> {
			for (int i = 0; i < mebibytes; i++) {
				out.write(zeros);
			}
		});
	}

	/** A CSV header and one valid row repeated to this many mebibytes, gzipped. */
	public static byte[] repeatedRows(int mebibytes) {
		byte[] row = "Asha Verma,9876543210,,LN-1,1500,15/11/2024,,,\n".getBytes(StandardCharsets.UTF_8);
		long rows = (long) mebibytes * 1024 * 1024 / row.length;
		return streamed((out) -> {
			out.write((Csv.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
			for (long i = 0; i < rows; i++) {
				out.write(row);
			}
		});
	}

	private static byte[] streamed(Writer writer) {
		ByteArrayOutputStream packed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(packed, 64 * 1024)) {
			writer.write(gzip);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return packed.toByteArray();
	}

	private interface Writer {

		void write(OutputStream out) throws IOException;

	}

}
