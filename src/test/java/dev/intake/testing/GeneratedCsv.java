package dev.intake.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * Large standard CSV files made up for a test: every row a different customer (phones
 * from a random block, so files of different tests do not collide), and every
 * {@code invalidEvery}-th row with an invalid amount.
 */
public final class GeneratedCsv {

	private final byte[] header;

	private final List<byte[]> rows;

	private GeneratedCsv(int count, int invalidEvery) {
		this.header = (Csv.HEADER + "\n").getBytes(StandardCharsets.UTF_8);
		this.rows = new ArrayList<>(count);
		long firstPhone = 9_800_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L - count);
		for (int i = 1; i <= count; i++) {
			String amount = (i % invalidEvery == 0) ? "not-an-amount" : "1500";
			String row = "Customer " + i + "," + (firstPhone + i) + ",,LN-" + i + "," + amount + ",2024-11-15,,,\n";
			this.rows.add(row.getBytes(StandardCharsets.UTF_8));
		}
	}

	public static GeneratedCsv of(int rows, int invalidEvery) {
		return new GeneratedCsv(rows, invalidEvery);
	}

	public byte[] bytes() {
		return concat(0, this.rows.size(), true);
	}

	/**
	 * The file as a request body in two parts: the header and the first {@code rows}
	 * rows, then the rest only once {@code gate} completes.
	 */
	public Flux<DataBuffer> gatedAfter(int rows, Mono<Void> gate) {
		Mono<DataBuffer> first = Mono.fromSupplier(() -> wrap(concat(0, rows, true)));
		Mono<DataBuffer> rest = Mono.fromSupplier(() -> wrap(concat(rows, this.rows.size(), false)));
		return first.concatWith(gate.then(rest));
	}

	private byte[] concat(int from, int to, boolean withHeader) {
		int size = withHeader ? this.header.length : 0;
		for (int i = from; i < to; i++) {
			size += this.rows.get(i).length;
		}
		byte[] all = new byte[size];
		int at = 0;
		if (withHeader) {
			System.arraycopy(this.header, 0, all, 0, this.header.length);
			at = this.header.length;
		}
		for (int i = from; i < to; i++) {
			byte[] row = this.rows.get(i);
			System.arraycopy(row, 0, all, at, row.length);
			at += row.length;
		}
		return all;
	}

	private static DataBuffer wrap(byte[] bytes) {
		return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
	}

}
