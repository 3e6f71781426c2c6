package dev.intake.ingest;

import java.util.Map;

/**
 * The checks of a file's header row: each problem fails the upload with an
 * {@link IngestFailure} of stage {@code header}, with the details a client needs.
 */
final class HeaderCheck {

	private HeaderCheck() {
	}

	// A file without a header row has its first customer taken as the header, and header
	// cells are stored and shown: mask any national ID among them. PostgreSQL cannot
	// store a NUL, which only a header longer than what the ContentSniffer reads can
	// hold.
	static CsvRecord withoutNationalIds(CsvRecord header) {
		for (int i = 0; i < header.fields().size(); i++) {
			if (!RawCells.isStorable(header.fields().get(i))) {
				throw new IngestFailure(IngestFailure.Stage.HEADER, "invalid-character",
						"Header cell %d holds a NUL character (byte 0x00), which cannot be stored".formatted(i + 1));
			}
		}
		return new CsvRecord(header.number(), header.fields().stream().map(NationalIdMasking::maskedLongRuns).toList());
	}

	static ColumnMapping mappingOf(CsvRecord header) {
		try {
			return ColumnMapping.of(header.fields());
		}
		catch (HeaderRejected ex) {
			throw new IngestFailure(IngestFailure.Stage.HEADER, ex.code(), ex.getMessage(), ex, detailsOf(ex));
		}
	}

	private static Map<String, Object> detailsOf(HeaderRejected rejected) {
		if (rejected instanceof MissingColumns missing) {
			return Map.of("missingColumns", missing.missing());
		}
		if (rejected instanceof DuplicateColumns duplicate) {
			return Map.of("duplicateColumns", duplicate.duplicates());
		}
		return Map.of();
	}

	static IngestFailure emptyFile() {
		return new IngestFailure(IngestFailure.Stage.HEADER, "empty-file",
				"The file is empty: a header row with the column names is required");
	}

}
