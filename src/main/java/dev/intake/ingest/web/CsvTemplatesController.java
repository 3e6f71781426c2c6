package dev.intake.ingest.web;

import dev.intake.ingest.internal.CsvTemplates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the CSV template and the sample file as downloads. They hold no personal data,
 * so they need no API key.
 */
@RestController
@RequestMapping(CsvTemplatesController.TEMPLATES)
@Tag(name = "Templates", description = "CSV files to start from; no API key needed")
class CsvTemplatesController {

	static final String TEMPLATES = "/api/v1/templates";

	static final MediaType TEXT_CSV_UTF8 = MediaType.parseMediaType("text/csv;charset=UTF-8");

	private final CsvTemplates templates;

	CsvTemplatesController(CsvTemplates templates) {
		this.templates = templates;
	}

	@GetMapping(path = "/customers.csv", produces = "text/csv")
	@Operation(summary = "Download the CSV template", description = "The canonical header line only, required "
			+ "columns first: `full_name,primary_phone,amount_due,due_date`, then the optional ones.")
	ResponseEntity<String> template() {
		return download("customers.csv", this.templates.header());
	}

	@GetMapping(path = "/sample.csv", produces = "text/csv")
	@Operation(summary = "Download a sample CSV", description = "Made-up rows in the spellings lenders use: four "
			+ "that are stored and two that show row errors (`invalid-phone`, `impossible-date`).")
	ResponseEntity<String> sample() {
		return download("sample.csv", this.templates.sample());
	}

	private static ResponseEntity<String> download(String filename, String csv) {
		return ResponseEntity.ok()
			.contentType(TEXT_CSV_UTF8)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(csv);
	}

}
