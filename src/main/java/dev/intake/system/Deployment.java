package dev.intake.system;

import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The identity of this deployment: every instance on one database shares it, another
 * deployment (another database) has another. The first instance to start makes it (a
 * random id in table {@code deployment}); the others read it. Read once, at startup,
 * after the migrations.
 */
@Component
public class Deployment {

	private final UUID id;

	Deployment(FirstWrittenValue values) {
		this.id = values.of("deployment", "id", UUID.randomUUID(), UUID.class);
	}

	/** Eight hex digits naming this deployment, the same on every instance. */
	public String shortId() {
		return this.id.toString().substring(0, 8);
	}

}
