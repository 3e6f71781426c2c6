package dev.intake.change.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.intake.change.internal.Change;
import dev.intake.change.internal.ChangeCursor;
import dev.intake.change.internal.ChangeKind;
import dev.intake.change.internal.ChangePage;
import dev.intake.change.internal.ChangePages;
import dev.intake.change.internal.UploadNotCompleted;
import dev.intake.system.ApiProblem;
import dev.intake.system.PageLimits;
import dev.intake.system.Problem;
import dev.intake.system.UploadNotFound;
import dev.intake.tenant.CurrentTenant;
import dev.intake.upload.ChangeCounts;
import dev.intake.upload.Upload;
import dev.intake.upload.Uploads;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows what changed since the previous cycle: an upload's customers that are new,
 * changed, unchanged or missing, as pages of JSON or as one streamed CSV.
 */
@RestController
@Tag(name = "Changes", description = "What changed since the previous upload cycle")
class ChangesController {

	static final String PATH = "/api/v1/uploads/{id}/changes";

	/** The problem code of a {@code kind} that is none of the four. */
	static final String INVALID_KIND = "invalid-kind";

	private final Uploads uploads;

	private final ChangePages pages;

	private final ChangesCsv csv;

	ChangesController(Uploads uploads, ChangePages pages, ChangesCsv csv) {
		this.uploads = uploads;
		this.pages = pages;
		this.csv = csv;
	}

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "List an upload's changes since the previous cycle",
			description = "Compares the upload with the previous completed upload: each customer (phone and loan "
					+ "account) is `new`, `changed` (with the fields), `unchanged` or `missing`. Filter with `kind` "
					+ "(repeatable); ask for `text/csv` to download them all.")
	@ApiProblem(status = 400, code = INVALID_KIND, when = "`kind` is not new, changed, unchanged or missing")
	@ApiProblem(status = 400, code = PageLimits.INVALID_CURSOR,
			when = "`cursor` is not one this API gave for these kinds")
	@ApiProblem(status = 400, code = PageLimits.INVALID_LIMIT, when = "`limit` is not from 1 to 1000")
	@ApiProblem(status = 409, code = UploadNotCompleted.CODE, when = "the upload is not completed")
	Mono<ChangesView> changes(@PathVariable UUID id, @RequestParam(required = false) List<String> kind,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		int size = PageLimits.size(limit);
		Set<ChangeKind> kinds = kinds(kind);
		ChangeCursor start = (cursor != null) ? cursor(cursor, kinds) : null;
		return existing(id).flatMap((upload) -> this.pages.page(upload, kinds, start, size))
			.map((page) -> ChangesView.of(id, kinds, size, page));
	}

	@GetMapping(path = PATH, produces = "text/csv")
	@Operation(summary = "Download an upload's changes as CSV",
			responses = @ApiResponse(responseCode = "200", description = "The changes, as an attachment",
					content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary"))))
	@ApiProblem(status = 400, code = INVALID_KIND, when = "`kind` is not new, changed, unchanged or missing")
	@ApiProblem(status = 409, code = UploadNotCompleted.CODE, when = "the upload is not completed")
	Mono<ResponseEntity<Flux<DataBuffer>>> changesCsv(@PathVariable UUID id,
			@RequestParam(required = false) List<String> kind) {
		Set<ChangeKind> kinds = kinds(kind);
		// Counted before the answer starts, so an upload that is not completed is a 409.
		return existing(id).flatMap((upload) -> this.pages.page(upload, kinds, null, 1).thenReturn(upload))
			.map((upload) -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(id + "-changes.csv").build().toString())
				.body(this.csv.csv(this.pages.all(upload, kinds))));
	}

	/** The current tenant's upload: another tenant's is not found, like a missing one. */
	private Mono<Upload> existing(UUID id) {
		return CurrentTenant.get()
			.flatMap((tenant) -> this.uploads.find(tenant, id))
			.switchIfEmpty(Mono.error(() -> new UploadNotFound(id)));
	}

	private static Set<ChangeKind> kinds(List<String> labels) {
		if (labels == null || labels.isEmpty()) {
			return ChangePages.allKinds();
		}
		Set<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
		for (String label : labels) {
			try {
				kinds.add(ChangeKind.of(label));
			}
			catch (IllegalArgumentException ex) {
				throw new Problem(HttpStatus.BAD_REQUEST, INVALID_KIND, "Invalid kind",
						"kind must be new, changed, unchanged or missing");
			}
		}
		return kinds;
	}

	private static ChangeCursor cursor(String token, Set<ChangeKind> kinds) {
		try {
			ChangeCursor cursor = ChangeCursor.parse(token);
			if (cursor.kinds() == ChangePages.mask(kinds)) {
				return cursor;
			}
		}
		catch (IllegalArgumentException ex) {
			// answered below
		}
		throw new Problem(HttpStatus.BAD_REQUEST, PageLimits.INVALID_CURSOR, "Invalid cursor",
				"The cursor parameter is not one this API handed out for these kinds; use the 'next' value of the previous page");
	}

	/**
	 * A page of changes as the API shows it, like the other lists, with the upload
	 * compared with and the counts of every kind.
	 *
	 * @param items the customers of this page
	 * @param next the cursor of the next page, or {@code null}
	 * @param links {@code next}: the next page's address, when there is one
	 * @param previousUploadId the upload compared with, or {@code null} for a first
	 * upload
	 * @param counts the counts of every kind
	 */
	record ChangesView(List<Change> items, String next, Map<String, String> links, UUID previousUploadId,
			ChangeCounts counts) {

		static ChangesView of(UUID id, Set<ChangeKind> kinds, int size, ChangePage page) {
			String next = (page.next() != null) ? page.next().token() : null;
			String kindQuery = kinds.equals(ChangePages.allKinds()) ? ""
					: "kind=" + kinds.stream().map(ChangeKind::label).collect(Collectors.joining(",")) + "&";
			Map<String, String> links = (next != null)
					? Map.of("next",
							PATH.replace("{id}", id.toString()) + "?" + kindQuery + "limit=" + size + "&cursor=" + next)
					: Map.of();
			return new ChangesView(page.items(), next, links, page.counts().previousUploadId(), page.counts());
		}

	}

}
