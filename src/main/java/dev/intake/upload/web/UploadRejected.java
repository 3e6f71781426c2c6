package dev.intake.upload.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.intake.ingest.GzipBody;
import dev.intake.ingest.Ingestion;
import dev.intake.system.Problem;
import dev.intake.upload.internal.BodyTooLarge;
import dev.intake.upload.internal.UploadFailed;
import dev.intake.upload.internal.UploadFailure;
import dev.intake.upload.internal.UploadProcessing;
import dev.intake.upload.internal.UploadStage;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An upload that failed while its request was still open: the answer names the stage and
 * code, and links to the stored {@code FAILED} upload.
 */
class UploadRejected extends Problem {

	UploadRejected(UploadFailed failed) {
		super(statusOf(failed.failure()), failed.failure().code(), titleOf(failed.failure()), failed.getMessage(),
				properties(failed.uploadId(), failed.failure()), failed);
		closingConnection();
		if (Ingestion.SERVER_BUSY.equals(failed.failure().code())) {
			getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Ingestion.RETRY_AFTER_SECONDS));
		}
	}

	private static Map<String, Object> properties(UUID uploadId, UploadFailure failure) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("uploadId", uploadId);
		properties.put("stage", failure.stage().label());
		properties.put("upload", UploadPaths.upload(uploadId));
		properties.putAll(failure.details());
		return properties;
	}

	private static HttpStatus statusOf(UploadFailure failure) {
		return switch (failure.code()) {
			case BodyTooLarge.CODE, GzipBody.INFLATION_RATIO_EXCEEDED -> HttpStatus.CONTENT_TOO_LARGE;
			case UploadProcessing.READ_TIMEOUT -> HttpStatus.REQUEST_TIMEOUT;
			case Ingestion.SERVER_BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
			case "binary-content", "utf16-not-supported" -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			default -> statusOf(failure.stage());
		};
	}

	private static HttpStatus statusOf(UploadStage stage) {
		return switch (stage) {
			case HEADER, PARSE -> HttpStatus.UNPROCESSABLE_CONTENT;
			case RECEIVE -> HttpStatus.BAD_REQUEST;
			case WRITE, FINALIZE, RECOVERY -> HttpStatus.SERVICE_UNAVAILABLE;
		};
	}

	private static String titleOf(UploadFailure failure) {
		if (statusOf(failure) == HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
			return "The upload is not a CSV text file in a supported charset";
		}
		if (Ingestion.SERVER_BUSY.equals(failure.code())) {
			return "Intake is busy";
		}
		if (GzipBody.INVALID_GZIP.equals(failure.code())) {
			return "The gzip body is not valid";
		}
		if (GzipBody.INFLATION_RATIO_EXCEEDED.equals(failure.code())) {
			return "The gzip body inflates too far";
		}
		return switch (failure.stage()) {
			case HEADER -> "The CSV header is not usable";
			case PARSE -> "The CSV is malformed";
			case RECEIVE -> "The upload body could not be received";
			case WRITE, FINALIZE, RECOVERY -> "The upload could not be stored";
		};
	}

}
