package dev.intake.testing;

import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The JSON shapes tests read answers as (an object, the items of a page), and a read of
 * one object.
 */
public final class Json {

	/** A JSON object, as a map. */
	public static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private Json() {
	}

	/** The JSON object at {@code path}, which must answer {@code 200 OK}. */
	public static Map<String, Object> get(WebTestClient http, String path, Object... variables) {
		return http.get()
			.uri(path, variables)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/** The {@code items} of a page. */
	public static List<Map<String, Object>> items(Map<String, Object> page) {
		return list(page, "items");
	}

	/** A field of an object that holds a list of objects. */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> list(Map<String, Object> object, String field) {
		return (List<Map<String, Object>>) object.get(field);
	}

}
