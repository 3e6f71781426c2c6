package dev.intake.tenant;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/** A request that reached tenant-scoped code without an authenticated tenant. */
class NoTenant extends Problem {

	NoTenant() {
		super(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
				"This request needs an API key: send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
	}

}
