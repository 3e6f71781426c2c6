package dev.intake.webhook.internal;

import java.util.List;
import java.util.UUID;

/**
 * A delivery an instance claimed for one attempt: where to, what, and signed with which
 * secrets.
 *
 * @param id the delivery's id
 * @param claim the token of this claim; only its holder records a failed attempt
 * @param attempt the number of this attempt, 1 for the first
 * @param url the endpoint's URL
 * @param secrets the secrets that sign it: the current one, and the previous one while
 * its grace period lasts
 * @param eventId the event's id
 * @param type the event's type
 * @param body the event's JSON body, as every attempt sends it
 */
record ClaimedDelivery(long id, UUID claim, int attempt, String url, List<String> secrets, UUID eventId, String type,
		String body) {

}
