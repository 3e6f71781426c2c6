package dev.intake.upload.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.intake.ingest.CharsetBody;
import dev.intake.ingest.GzipBody;
import dev.intake.ingest.Ingestion;
import dev.intake.ingest.MissingColumns;
import dev.intake.system.ApiProblem;
import dev.intake.system.DatabaseUnavailable;
import dev.intake.system.DeclaredCharset;
import dev.intake.upload.internal.BodyTooLarge;

/**
 * The problems of every endpoint that takes an upload's CSV, in either body form: a body
 * over the limit, gzip that is corrupt or inflates too far, a content coding Intake does
 * not inflate, a charset it does not know or bytes not valid in it, a header Intake
 * cannot map, and a database that failed or an instance too busy to take the body.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApiProblem(status = 413, code = BodyTooLarge.CODE,
		when = "the body (inflated, when it is gzip) is larger than `intake.limits.max-body-size`")
@ApiProblem(status = 413, code = GzipBody.INFLATION_RATIO_EXCEEDED,
		when = "a gzip body or file part inflates to more than `intake.limits.max-inflation-ratio` (100) times its "
				+ "compressed size")
@ApiProblem(status = 400, code = GzipBody.INVALID_GZIP,
		when = "a gzip body or file part is not gzip, is corrupt or is cut off")
@ApiProblem(status = 415, code = DeclaredCharset.UNSUPPORTED,
		when = "the `charset` of the body's (or the file part's) `Content-Type` is not one Java knows")
@ApiProblem(status = 422, code = CharsetBody.INVALID_UTF8,
		when = "a byte is not valid in the declared charset (UTF-8 when none is declared, a byte order mark decides "
				+ "first): `byteOffset` names it, `suggestedCharset` is `windows-1252`; other charsets give "
				+ "`invalid-<charset>`, such as `invalid-windows-1252` or `invalid-utf16le`")
@ApiProblem(status = 415, code = CompressedBodyRefused.CODE,
		when = "a raw body's `Content-Encoding` is not `gzip` (or `identity`), or a multipart body has one")
@ApiProblem(status = 422, code = MissingColumns.CODE,
		when = "the header lacks a required column (or "
				+ "`duplicate-columns`, `malformed-csv`, `field-too-large`, `too-many-columns`)")
@ApiProblem(status = 503, code = DatabaseUnavailable.CODE,
		when = "the database failed; the upload is FAILED (or `" + Ingestion.SERVER_BUSY + "`, with `Retry-After`: "
				+ "the instance's in-flight bytes stayed taken for `intake.ingest.admission-timeout`)")
@interface CsvContentProblems {

}
