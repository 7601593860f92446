-- Demo data for a local run (scripts/run.sh): one user with a login session, the app
-- creator, an app and its OAuth client, one access token. Idempotent (REPLACE).
SET SQL_MODE = '';
SET time_zone = '+00:00';

REPLACE INTO `chii_usergroup` (`usr_grp_id`, `usr_grp_name`, `usr_grp_perm`, `usr_grp_dateline`)
VALUES (10, '普通用户', '', 0), (11, 'wiki人', '', 0);

REPLACE INTO `chii_members` (`uid`, `username`, `nickname`, `avatar`, `groupid`, `regdate`, `sign`,
                             `password_crypt`, `acl`)
VALUES (1001, 'demo', '演示用户', '', 10, 1700000000, '', '', ''),
       (1002, 'creator', 'App Creator', '', 11, 1700000000, '', '', '');

-- cookie chiiNextSessionID=demo-session logs in as uid 1001 until 2038
REPLACE INTO `chii_os_web_sessions` (`key`, `user_id`, `value`, `created_at`, `expired_at`)
VALUES ('demo-session', 1001, '{}', 1700000000, 2147483000);

REPLACE INTO `chii_apps` (`app_id`, `app_type`, `app_creator`, `app_name`, `app_desc`, `app_url`,
                          `app_is_third_party`, `app_collects`, `app_status`, `app_timestamp`,
                          `app_lasttouch`, `app_ban`)
VALUES (1, 1, 1002, 'Demo App', 'An app for local development', '', 1, 0, 1, 1700000000, 1700000000, 0);

REPLACE INTO `chii_oauth_clients` (`app_id`, `client_id`, `client_secret`, `redirect_uri`, `grant_types`,
                                   `scope`, `user_id`)
VALUES (1, 'bgmdemoclient', 'demo-client-secret', 'http://127.0.0.1:8080/callback', '', '', '1002');

REPLACE INTO `chii_oauth_access_tokens` (`id`, `type`, `access_token`, `client_id`, `user_id`, `expires`,
                                         `scope`, `info`)
VALUES (1, 0, 'demo-access-token', 'bgmdemoclient', '1001', '2037-12-31 00:00:00', NULL, '{}');
