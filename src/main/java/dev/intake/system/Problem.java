package dev.intake.system;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request-level problem, answered as RFC 9457 {@code application/problem+json} with a
 * stable machine {@code code}. Each module names its situations as subclasses.
 */
public class Problem extends ErrorResponseException {

	public Problem(HttpStatus status, String code, String title, String detail) {
		this(status, code, title, detail, Map.of(), null);
	}

	public Problem(HttpStatus status, String code, String title, String detail, Map<String, ?> properties,
			Throwable cause) {
		super(status, body(status, code, title, detail, properties), cause);
	}

	private static ProblemDetail body(HttpStatus status, String code, String title, String detail,
			Map<String, ?> properties) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		body.setType(typeOf(code));
		body.setTitle(title);
		body.setProperty("code", code);
		properties.forEach(body::setProperty);
		return body;
	}

	/**
	 * The problem type of a code: a relative URI, resolved against the API's own address.
	 */
	public static URI typeOf(String code) {
		return URI.create("/problems/" + code);
	}

	/**
	 * Asks the server to close the connection after this answer, for problems answered
	 * while the client may still be sending a body: otherwise the rest of the body would
	 * be read and thrown away to keep the connection alive.
	 */
	public Problem closingConnection() {
		getHeaders().set(HttpHeaders.CONNECTION, "close");
		return this;
	}

	public String code() {
		return (String) getBody().getProperties().get("code");
	}

}
