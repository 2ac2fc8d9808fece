/**
 * Every reason a LedeError can give, declared once. A reason names what went
 * wrong (`schedule_in_past`), where the error's code names its class
 * (VALIDATION → 422). It is set where the error is thrown and never derived
 * from the English message, so rewording a message cannot lose its
 * translation: the newsroom's words (src/admin/issue-text.ts) are keyed by
 * reason, and integrators can branch on it.
 *
 * Add a reason here, in its area, when a new refusal is written. Keep names
 * lower_snake_case and stable: they are part of the API.
 */
export const ERROR_REASONS = [
  // Anything thrown without a reason (never by our TypeScript code; the type requires one).
  'unspecified',
  // Input in general (the endpoints' schemas and body reading)
  'input_invalid', 'body_not_json', 'body_too_large', 'wrong_content_type', 'unknown_parameter',
  // Versions and preconditions
  'version_required', 'version_conflict',
  // HTTP and sessions
  'not_found', 'csrf', 'cross_site', 'not_logged_in', 'role_lacks', 'internal', 'unavailable',
  // Stories
  'story_invalid', 'publish_refused', 'schedule_refused', 'move_not_allowed', 'schedule_needs_time', 'schedule_in_past',
  'takedown_in_past', 'takedown_depublished', 'correction_published_only', 'not_liveticker',
  'ticker_busy', 'slug_taken', 'no_story', 'no_revision', 'may_not_publish_live', 'may_not', 'create_scheduled_needs_embargo',
  'story_exists', 'at_only_for_schedule', 'bad_cursor', 'bad_filter', 'form_incomplete', 'page_text_empty',
  // Page-text import (src/ingest)
  'import_unreadable', 'import_empty', 'import_binary', 'import_too_large', 'import_not_utf8', 'import_no_text',
  'import_no_headline', 'import_too_long', 'import_invalid',
  // Accounts
  'wrong_password', 'password_short', 'password_long', 'password_blank', 'last_admin', 'not_yourself', 'bad_email',
  'account_exists', 'login_failed', 'login_throttled', 'no_user', 'password_missing', 'passwords_differ',
  // Topics and sections
  'no_topic', 'no_section',
  // Media library (src/services/media-library.ts, src/imaging, src/storage, the media endpoints)
  'no_picture', 'rights_invalid', 'upload_raced', 'file_in_library', 'media_unconfigured', 'upload_too_large',
  'upload_wrong_type', 'upload_no_file', 'upload_unreadable', 'image_empty', 'image_type_mismatch', 'image_unsupported',
  'image_damaged', 'image_too_many_pixels', 'replace_everywhere_forbidden', 'same_picture', 'replacement_no_credit',
  'no_preview', 'no_rendition', 'image_out_of_date', 'image_rights_lapsed', 'media_file_missing', 'storage_key_invalid',
  'storage_unavailable',
  // The agency desk (src/services/wire-*.ts)
  'no_wire_source', 'wire_source_invalid', 'wire_source_in_use', 'no_wire_item', 'no_wire_version', 'wire_withdrawn', 'no_dead_letter',
  'dead_letter_truncated',
  // Operation: configuration, the database, the data directory, the command line
  'bad_config', 'bad_arguments', 'database_unavailable', 'database_timeout', 'database_closed', 'migration_failed', 'data_dir_locked',
  'data_dir_unusable', 'import_unreadable',
] as const;

export type ErrorReason = (typeof ERROR_REASONS)[number];
