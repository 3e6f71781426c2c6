package dev.intake.customer.web;

import java.util.List;

import dev.intake.customer.CustomerEntries;
import dev.intake.customer.CustomerHistoryEntry;
import dev.intake.customer.PhoneNumbers;
import dev.intake.system.ApiProblem;
import dev.intake.system.PageLimits;
import dev.intake.system.Problem;
import dev.intake.tenant.CurrentTenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The date-based history of one customer: every entry of a phone across completed
 * uploads, newest upload first. The phone may be written in any format the CSVs accept.
 */
@RestController
@Tag(name = "Customers", description = "One customer's history across upload cycles")
class CustomerEntriesController {

	/** The problem code of a phone in the path that is not a valid number. */
	static final String INVALID_PHONE = "invalid-phone";

	private final CustomerEntries entries;

	private final PhoneNumbers phones;

	CustomerEntriesController(CustomerEntries entries, PhoneNumbers phones) {
		this.entries = entries;
		this.phones = phones;
	}

	@GetMapping("/api/v1/customers/{phone}/entries")
	@Operation(summary = "Read a customer's history by phone",
			description = "Every entry of the phone across completed uploads, newest upload first. The phone may be "
					+ "written in any format the CSVs accept, such as `+91 98765 43210` or `09876543210`.")
	@ApiProblem(status = 400, code = INVALID_PHONE, when = "the phone in the path is not a valid number")
	@ApiProblem(status = 400, code = PageLimits.INVALID_LIMIT, when = "`limit` is not from 1 to 1000")
	Mono<CustomerHistory> entries(@PathVariable String phone, @RequestParam(required = false) Integer limit) {
		String e164 = this.phones.toE164(phone).orElseThrow(CustomerEntriesController::invalidPhone);
		int size = PageLimits.size(limit);
		return CurrentTenant.get()
			.flatMap((tenant) -> this.entries.history(tenant, e164, size).collectList())
			.map((found) -> new CustomerHistory(e164, found));
	}

	private static Problem invalidPhone() {
		return new Problem(HttpStatus.BAD_REQUEST, INVALID_PHONE, "Invalid phone number",
				"The phone in the path is not a valid number; use for example +919876543210 or 9876543210");
	}

	/**
	 * A customer's history.
	 *
	 * @param phone the phone in E.164
	 * @param entries the entries, newest upload first
	 */
	record CustomerHistory(String phone, List<CustomerHistoryEntry> entries) {

	}

}
