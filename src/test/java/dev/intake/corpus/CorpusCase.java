package dev.intake.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * One bad (or tricky) input of the corpus and what Intake must answer, as listed in
 * {@code cases.csv} beside the files.
 *
 * @param name the case's name
 * @param source a file of the corpus, or {@code gen:<name>} for a body made at test time
 * @param send how it is sent: {@code csv}, {@code multipart}, {@code stream} (chunked),
 * {@code gzip} (with {@code Content-Encoding}), {@code encodings} (two
 * {@code Content-Encoding} headers, {@code identity} first), {@code octet} (wrong media
 * type), {@code parts} (a multipart body of its own), {@code announce}, {@code drip} or
 * {@code bigheaders} (raw socket)
 * @param filename the client's file name, with {@code \\uXXXX} escapes, or empty
 * @param status the expected HTTP status
 * @param code the expected problem code, or empty for a success
 * @param uploadStatus the stored upload's expected status, or empty when no upload is
 * made
 * @param rowErrors row error codes that must be among the upload's errors
 * @param storedFilename the file name the upload must be stored with, or empty
 */
record CorpusCase(String name, String source, String send, String filename, int status, String code,
		String uploadStatus, List<String> rowErrors, String storedFilename) {

	static final String FOLDER = "/dev/intake/corpus/";

	private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

	static List<CorpusCase> all() {
		try (InputStream manifest = CorpusCase.class.getResourceAsStream(FOLDER + "cases.csv")) {
			MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
				.with(CsvSchema.emptySchema().withHeader())
				.readValues(manifest);
			return rows.readAll().stream().map(CorpusCase::of).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static CorpusCase of(Map<String, String> row) {
		String errors = row.get("row_errors");
		return new CorpusCase(row.get("name"), row.get("source"), row.get("send"), unescaped(row.get("filename")),
				Integer.parseInt(row.get("status")), row.get("code"), row.get("upload_status"),
				errors.isEmpty() ? List.of() : Arrays.asList(errors.split(";")), row.get("stored_filename"));
	}

	private static String unescaped(String text) {
		Matcher escape = ESCAPE.matcher(text);
		return escape.replaceAll(
				(match) -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(match.group(1), 16))));
	}

	boolean generated() {
		return this.source.startsWith("gen:");
	}

	String generator() {
		return this.source.substring(4);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
