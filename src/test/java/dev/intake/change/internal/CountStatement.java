package dev.intake.change.internal;

import java.util.UUID;

/**
 * Prints the statement that counts an upload's changes, for one upload id, so the
 * benchmark can run it under {@code EXPLAIN ANALYZE}: {@code CountStatement <upload id>}.
 * With {@code <previous id> <kind> <row,row,...>} it prints the statement that reads
 * customers of one kind instead.
 */
public final class CountStatement {

	private CountStatement() {
	}

	public static void main(String[] args) {
		String id = "'" + UUID.fromString(args[0]) + "'";
		if (args.length == 1) {
			System.out.println(ChangeCounting.COUNT.replace(":id", id));
			return;
		}
		ChangeKind kind = ChangeKind.of(args[2]);
		System.out.println((kind.isInThisUpload() ? Changes.IN_THIS_UPLOAD : Changes.MISSING).replace(":upload", id)
			.replace(":previous", "'" + UUID.fromString(args[1]) + "'")
			.replace(":rows", "'{" + args[3] + "}'"));
	}

}
