package dev.intake.system;

import java.util.Locale;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * The one place where exceptions become RFC 9457 problem responses. Spring's own request
 * errors (bad media type, bad parameter, unknown path) get a {@code code} too, and
 * anything unexpected becomes a 500 problem that names no internals.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	@ExceptionHandler(DataBufferLimitException.class)
	Mono<ResponseEntity<Object>> tooLarge(DataBufferLimitException ex, ServerWebExchange exchange) {
		Problem problem = new Problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Content too large",
				"A part of the request exceeds the configured size limit");
		return handleErrorResponseException(problem, problem.getHeaders(), problem.getStatusCode(), exchange);
	}

	/**
	 * A content type Spring cannot parse inside a body, such as a multipart part's with a
	 * charset Java does not know.
	 */
	@ExceptionHandler(InvalidMediaTypeException.class)
	Mono<ResponseEntity<Object>> invalidMediaType(InvalidMediaTypeException ex, ServerWebExchange exchange) {
		Problem problem;
		try {
			DeclaredCharset.ofType(ex.getMediaType());
			problem = new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
					"A content type in the request cannot be read: " + ex.getMessage())
				.closingConnection();
		}
		catch (Problem unsupportedCharset) {
			problem = unsupportedCharset;
		}
		return handleErrorResponseException(problem, problem.getHeaders(), problem.getStatusCode(), exchange);
	}

	@ExceptionHandler(DecodingException.class)
	Mono<ResponseEntity<Object>> undecodable(DecodingException ex, ServerWebExchange exchange) {
		Problem problem = new Problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
				"The request body could not be read: " + ex.getMostSpecificCause().getMessage());
		return handleErrorResponseException(problem, problem.getHeaders(), problem.getStatusCode(), exchange);
	}

	// Spring translates R2DBC's transient and resource errors (a timed-out call, a pool
	// that could not get a connection) to these; the request may be retried.
	@ExceptionHandler({ TransientDataAccessException.class, DataAccessResourceFailureException.class,
			R2dbcTransientException.class, R2dbcNonTransientResourceException.class })
	Mono<ResponseEntity<Object>> databaseUnavailable(Exception ex, ServerWebExchange exchange) {
		log.warn("Database unavailable on {} {}: {}", exchange.getRequest().getMethod(),
				Masking.masked(exchange.getRequest().getPath().value()), ex.getClass().getSimpleName());
		Problem problem = new DatabaseUnavailable();
		return handleErrorResponseException(problem, problem.getHeaders(), problem.getStatusCode(), exchange);
	}

	@ExceptionHandler(Exception.class)
	Mono<ResponseEntity<Object>> unexpected(Exception ex, ServerWebExchange exchange) {
		// Paths may hold a phone (a customer's history): never log it whole.
		log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(),
				Masking.masked(exchange.getRequest().getPath().value()), ex);
		Problem problem = new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"Intake could not handle this request; it has been logged");
		return handleErrorResponseException(problem, problem.getHeaders(), problem.getStatusCode(), exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		// Spring fills in the body of its own errors in super, so the code is added
		// after.
		Problem charset = (ex instanceof Problem) ? null : unsupportedCharset(status, exchange);
		if (charset != null) {
			return handleErrorResponseException(charset, charset.getHeaders(), charset.getStatusCode(), exchange);
		}
		return super.handleExceptionInternal(ex, body, headers, status, exchange).map((entity) -> {
			if (entity.getBody() instanceof ProblemDetail problem && codeOf(problem) == null) {
				String code = codeOf(ex, status);
				problem.setProperty("code", code);
				problem.setType(Problem.typeOf(code));
			}
			return entity;
		});
	}

	/**
	 * Spring answers 415 to a request whose content type it cannot parse; when that is
	 * because of its charset, say so.
	 */
	private static Problem unsupportedCharset(HttpStatusCode status, ServerWebExchange exchange) {
		if (status.value() != HttpStatus.UNSUPPORTED_MEDIA_TYPE.value()) {
			return null;
		}
		try {
			DeclaredCharset.of(exchange.getRequest().getHeaders());
			return null;
		}
		catch (Problem unsupported) {
			return unsupported;
		}
	}

	private static Object codeOf(ProblemDetail problem) {
		return (problem.getProperties() != null) ? problem.getProperties().get("code") : null;
	}

	/**
	 * The stable code of one of Spring's own errors: its status as words
	 * ({@code not-found}, {@code method-not-allowed}), but a body that cannot be read is
	 * {@code malformed-request}, a parameter of the wrong type or missing is
	 * {@code invalid-parameter}, and a part of the request over a size limit (a multipart
	 * part's headers, say) is {@code too-large}, like {@link DataBufferLimitException}.
	 */
	private static String codeOf(Exception ex, HttpStatusCode status) {
		if (ex instanceof ServerWebInputException) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof DecodingException) {
					return "malformed-request";
				}
			}
			if (status.value() == HttpStatus.BAD_REQUEST.value()) {
				return "invalid-parameter";
			}
		}
		if (status.value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
			return "too-large";
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		String name = (known != null) ? known.name() : "HTTP_" + status.value();
		return name.toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
