package dev.intake.upload.internal;

import java.util.Map;

import dev.intake.system.Problem;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;

import org.springframework.http.HttpStatus;

/**
 * A piece was sent for an upload that is final: completed (its file is whole) or failed
 * (its rows are gone); a failed file is sent again as a new upload.
 */
public class UploadNotResumable extends Problem {

	/** This problem's code. */
	public static final String CODE = "upload-not-resumable";

	UploadNotResumable(Upload upload) {
		super(HttpStatus.CONFLICT, CODE, "Upload takes no more content",
				"Upload %s is %s: it takes no more content%s".formatted(upload.id(), upload.status(),
						(upload.status() == UploadStatus.FAILED) ? "; send the file again as a new upload" : ""),
				Map.of("uploadId", upload.id(), "status", upload.status()), null);
		closingConnection();
	}

}
