package dev.intake.upload.web;

import java.util.List;
import java.util.UUID;

import dev.intake.customer.CustomerEntries;
import dev.intake.customer.CustomerHistoryEntry;
import dev.intake.ingest.RowErrorCursor;
import dev.intake.ingest.RowErrors;
import dev.intake.ingest.StoredRowError;
import dev.intake.system.PageLimits;
import dev.intake.system.PagedProblems;
import dev.intake.system.UploadNotFound;
import dev.intake.tenant.CurrentTenant;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;
import dev.intake.upload.Uploads;
import dev.intake.upload.internal.UploadCursor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets clients and scripts read uploads: one, a page of them, their errors and entries.
 */
@RestController
@RequestMapping(UploadPaths.UPLOADS)
@Tag(name = "Uploads")
class UploadQueriesController {

	private final Uploads uploads;

	private final RowErrors rowErrors;

	private final CustomerEntries entries;

	private final ErrorReport errorReport;

	UploadQueriesController(Uploads uploads, RowErrors rowErrors, CustomerEntries entries, ErrorReport errorReport) {
		this.uploads = uploads;
		this.rowErrors = rowErrors;
		this.entries = entries;
		this.errorReport = errorReport;
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read one upload's summary", description = "Live while the upload is processing.")
	Mono<UploadSummary> upload(@PathVariable UUID id) {
		return existing(id).map(UploadSummary::of);
	}

	@GetMapping
	@Operation(summary = "List uploads, newest first",
			description = "A page of at most `limit` (1 to 1000, default 50); pass `next` of a page as `cursor` "
					+ "for the next one.")
	@PagedProblems
	Mono<Page<UploadSummary>> uploads(@RequestParam(required = false) UploadStatus status,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		int size = PageLimits.size(limit);
		UploadCursor after = (cursor != null) ? Cursors.upload(cursor) : null;
		return CurrentTenant.get()
			.flatMap((tenant) -> this.uploads.list(tenant, status, after, size + 1).collectList())
			.map((found) -> {
				List<Upload> page = found.subList(0, Math.min(size, found.size()));
				String next = (found.size() > size) ? UploadCursor.after(page.get(page.size() - 1)).token() : null;
				String query = (status != null) ? "?status=" + status + "&" : "?";
				return Page.of(page.stream().map(UploadSummary::of).toList(), next,
						UploadPaths.UPLOADS + query + "limit=" + size + "&cursor=");
			});
	}

	@GetMapping(path = "/{id}/errors", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "List an upload's row errors",
			description = "In row order, a page at a time. "
					+ "Ask for `text/csv` to download them all as a CSV with the original cells (national IDs masked).")
	@PagedProblems
	Mono<Page<RowErrorView>> errors(@PathVariable UUID id, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		int size = PageLimits.size(limit);
		RowErrorCursor after = (cursor != null) ? Cursors.rowError(cursor) : RowErrorCursor.START;
		return existing(id).flatMap((upload) -> this.rowErrors.page(id, after, size + 1).collectList()).map((found) -> {
			List<StoredRowError> page = found.subList(0, Math.min(size, found.size()));
			String next = (found.size() > size) ? RowErrorCursor.after(page.get(page.size() - 1)).toString() : null;
			return Page.of(page.stream().map(RowErrorView::of).toList(), next,
					UploadPaths.upload(id) + "/errors?limit=" + size + "&cursor=");
		});
	}

	@GetMapping(path = "/{id}/errors", produces = UploadsController.TEXT_CSV)
	@Operation(summary = "Download an upload's row errors as CSV",
			description = "`error_row,error_column,error_code,error_message` and the original row's cells, "
					+ "streamed; cells a spreadsheet would run as formulas are prefixed with `'`.",
			responses = @ApiResponse(responseCode = "200", description = "The error report, as an attachment",
					content = @Content(mediaType = UploadsController.TEXT_CSV,
							schema = @Schema(type = "string", format = "binary"))))
	Mono<ResponseEntity<Flux<DataBuffer>>> errorReport(@PathVariable UUID id) {
		return existing(id).map((upload) -> ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(id + "-errors.csv").build().toString())
			.body(this.errorReport.csv(this.uploads.header(id), this.rowErrors.all(id))));
	}

	@GetMapping("/{id}/entries")
	@Operation(summary = "List the customer entries an upload stored", description = "In row order, a page at a time.")
	@PagedProblems
	Mono<Page<CustomerHistoryEntry>> entries(@PathVariable UUID id, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		int size = PageLimits.size(limit);
		long afterRow = (cursor != null) ? Cursors.row(cursor) : 0;
		return existing(id).flatMap((upload) -> this.entries.ofUpload(id, afterRow, size + 1).collectList())
			.map((found) -> {
				List<CustomerHistoryEntry> page = found.subList(0, Math.min(size, found.size()));
				String next = (found.size() > size) ? Long.toString(page.get(page.size() - 1).rowNumber()) : null;
				return Page.of(page, next, UploadPaths.upload(id) + "/entries?limit=" + size + "&cursor=");
			});
	}

	/** The current tenant's upload: another tenant's is not found, like a missing one. */
	private Mono<Upload> existing(UUID id) {
		return CurrentTenant.get()
			.flatMap((tenant) -> this.uploads.find(tenant, id))
			.switchIfEmpty(Mono.error(() -> new UploadNotFound(id)));
	}

	/**
	 * A row error as the API shows it.
	 *
	 * @param row the data row number, 1 for the first row after the header
	 * @param column the canonical column name, or {@code null} for the whole row
	 * @param code a stable machine code
	 * @param message what is wrong
	 */
	record RowErrorView(long row, String column, String code, String message) {

		static RowErrorView of(StoredRowError error) {
			return new RowErrorView(error.row(), error.column(), error.code(), error.message());
		}

	}

}
