package dev.intake.webhook.web;

import java.util.List;

/**
 * A webhook endpoint to create.
 *
 * @param url the {@code https://} URL events are POSTed to
 * @param events the event types to get: {@code upload.completed}, {@code upload.failed},
 * {@code upload.validated}
 */
record NewWebhook(String url, List<String> events) {

}
