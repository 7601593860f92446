-- bangumi-backend: the tables the C++ parts read and write, with the production column
-- types, character sets and collations (so tests see what production sees). Written for
-- this project from the specification; it is a subset of Bangumi's schema.
-- Loaded into an empty database by scripts/run.sh and scripts/test.sh.

SET SQL_MODE = '';
SET time_zone = '+00:00';

-- Users (auth.md: loaded user fields)
CREATE TABLE IF NOT EXISTS `chii_members` (
  `uid` mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  `username` char(15) CHARACTER SET utf8 NOT NULL DEFAULT '',
  `nickname` varchar(30) NOT NULL,
  `avatar` varchar(255) CHARACTER SET utf8 NOT NULL,
  `secques` char(8) CHARACTER SET utf8 NOT NULL DEFAULT '',
  `gender` tinyint(1) NOT NULL DEFAULT '0',
  `adminid` tinyint(1) NOT NULL DEFAULT '0',
  `groupid` smallint(6) unsigned NOT NULL DEFAULT '0',
  `regip` char(15) CHARACTER SET utf8 NOT NULL DEFAULT '',
  `regdate` int(10) unsigned NOT NULL DEFAULT '0',
  `lastip` char(15) CHARACTER SET utf8 NOT NULL DEFAULT '',
  `lastvisit` int(10) unsigned NOT NULL DEFAULT '0',
  `lastactivity` int(10) unsigned NOT NULL DEFAULT '0',
  `lastpost` int(10) unsigned NOT NULL DEFAULT '0',
  `bday` date NOT NULL DEFAULT '0000-00-00',
  `styleid` smallint(6) unsigned NOT NULL DEFAULT '0',
  `dateformat` char(10) CHARACTER SET utf8 NOT NULL DEFAULT '',
  `timeformat` tinyint(1) NOT NULL DEFAULT '0',
  `newsletter` tinyint(1) NOT NULL DEFAULT '0',
  `timeoffset` char(4) CHARACTER SET utf8 NOT NULL DEFAULT '',
  `newpm` tinyint(1) NOT NULL DEFAULT '0',
  `new_notify` smallint(6) unsigned NOT NULL DEFAULT '0',
  `username_lock` tinyint(1) unsigned NOT NULL DEFAULT '0',
  `ukagaka_settings` varchar(255) CHARACTER SET utf8 NOT NULL DEFAULT '0|0|0',
  `img_chart` smallint(6) unsigned NOT NULL DEFAULT '0',
  `sign` varchar(255) CHARACTER SET utf8 NOT NULL,
  `password_crypt` char(64) CHARACTER SET utf8 COLLATE utf8_unicode_ci NOT NULL,
  `email` char(50) CHARACTER SET utf8 NOT NULL DEFAULT '',
  `acl` mediumtext NOT NULL,
  `invited` tinyint(1) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (`uid`),
  UNIQUE KEY `username` (`username`),
  KEY `email` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `chii_usergroup` (
  `usr_grp_id` mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  `usr_grp_name` varchar(255) CHARACTER SET utf8 NOT NULL,
  `usr_grp_perm` mediumtext CHARACTER SET utf8 NOT NULL,
  `usr_grp_dateline` int(10) unsigned NOT NULL,
  PRIMARY KEY (`usr_grp_id`)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

-- Sessions of the new login (cookie chiiNextSessionID)
CREATE TABLE IF NOT EXISTS `chii_os_web_sessions` (
  `key` char(64) NOT NULL,
  `user_id` int(10) unsigned NOT NULL,
  `value` mediumblob NOT NULL,
  `created_at` bigint(20) NOT NULL,
  `expired_at` bigint(20) NOT NULL,
  PRIMARY KEY (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- OAuth apps, clients and tokens (oauth.md)
CREATE TABLE IF NOT EXISTS `chii_apps` (
  `app_id` mediumint(8) NOT NULL AUTO_INCREMENT,
  `app_type` tinyint(1) NOT NULL,
  `app_creator` mediumint(8) NOT NULL,
  `app_name` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `app_desc` mediumtext COLLATE utf8mb4_unicode_ci NOT NULL,
  `app_url` varchar(2000) COLLATE utf8mb4_unicode_ci NOT NULL,
  `app_is_third_party` tinyint(1) unsigned NOT NULL,
  `app_collects` mediumint(8) NOT NULL,
  `app_status` tinyint(1) NOT NULL,
  `app_timestamp` int(10) NOT NULL,
  `app_lasttouch` int(10) NOT NULL,
  `app_ban` tinyint(1) NOT NULL,
  PRIMARY KEY (`app_id`),
  KEY `app_type` (`app_type`,`app_creator`),
  KEY `app_ban` (`app_ban`),
  KEY `app_status` (`app_status`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `chii_oauth_clients` (
  `app_id` mediumint(8) NOT NULL,
  `client_id` varchar(80) COLLATE utf8_unicode_ci NOT NULL,
  `client_secret` varchar(80) COLLATE utf8_unicode_ci DEFAULT NULL,
  `redirect_uri` varchar(2000) COLLATE utf8_unicode_ci DEFAULT NULL,
  `grant_types` varchar(80) COLLATE utf8_unicode_ci DEFAULT NULL,
  `scope` varchar(4000) COLLATE utf8_unicode_ci DEFAULT NULL,
  `user_id` varchar(80) COLLATE utf8_unicode_ci DEFAULT NULL,
  PRIMARY KEY (`app_id`),
  KEY `client_id` (`client_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE IF NOT EXISTS `chii_oauth_access_tokens` (
  `id` mediumint(8) NOT NULL AUTO_INCREMENT,
  `type` tinyint(1) unsigned NOT NULL DEFAULT '0',
  `access_token` varchar(40) COLLATE utf8_unicode_ci NOT NULL,
  `client_id` varchar(80) COLLATE utf8_unicode_ci NOT NULL,
  `user_id` varchar(80) COLLATE utf8_unicode_ci DEFAULT NULL,
  `expires` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `scope` varchar(4000) COLLATE utf8_unicode_ci DEFAULT NULL,
  `info` varchar(255) CHARACTER SET utf8mb4 NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `access_token` (`access_token`) USING BTREE,
  KEY `type` (`type`),
  KEY `user_expires` (`user_id`,`expires`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE IF NOT EXISTS `chii_oauth_refresh_tokens` (
  `refresh_token` varchar(40) COLLATE utf8_unicode_ci NOT NULL,
  `client_id` varchar(80) COLLATE utf8_unicode_ci NOT NULL,
  `user_id` varchar(80) COLLATE utf8_unicode_ci DEFAULT NULL,
  `expires` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `scope` varchar(4000) COLLATE utf8_unicode_ci DEFAULT NULL,
  PRIMARY KEY (`refresh_token`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

-- Subjects, collections and topic replies (cron trending, mq date updater)
CREATE TABLE IF NOT EXISTS `chii_subjects` (
  `subject_id` mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  `subject_type_id` smallint(6) unsigned NOT NULL DEFAULT '0',
  `subject_name` varchar(512) NOT NULL,
  `subject_name_cn` varchar(512) NOT NULL,
  `subject_uid` varchar(20) NOT NULL,
  `subject_creator` mediumint(8) unsigned NOT NULL,
  `subject_dateline` int(10) unsigned NOT NULL DEFAULT '0',
  `subject_image` varchar(255) NOT NULL,
  `subject_platform` smallint(6) unsigned NOT NULL DEFAULT '0',
  `field_infobox` mediumtext NOT NULL,
  `field_meta_tags` mediumtext CHARACTER SET utf8mb4 NOT NULL,
  `field_summary` mediumtext NOT NULL,
  `field_5` mediumtext NOT NULL,
  `field_volumes` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `field_eps` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `subject_wish` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `subject_collect` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `subject_doing` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `subject_on_hold` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `subject_dropped` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `subject_series` tinyint(1) unsigned NOT NULL DEFAULT '0',
  `subject_series_entry` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `subject_idx_cn` varchar(1) NOT NULL,
  `subject_airtime` tinyint(1) unsigned NOT NULL,
  `subject_nsfw` tinyint(1) NOT NULL,
  `subject_ban` tinyint(1) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (`subject_id`),
  KEY `subject_type_id` (`subject_type_id`),
  KEY `subject_ban` (`subject_ban`),
  KEY `browser` (`subject_ban`,`subject_type_id`,`subject_series`,`subject_platform`) USING BTREE
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS `chii_subject_fields` (
  `field_sid` mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  `field_tid` smallint(6) unsigned NOT NULL DEFAULT '0',
  `field_tags` mediumtext NOT NULL,
  `field_airtime` tinyint(1) unsigned NOT NULL,
  `field_rank` int(10) unsigned NOT NULL DEFAULT '0',
  `field_year` year(4) NOT NULL,
  `field_mon` tinyint(2) NOT NULL,
  `field_week_day` tinyint(1) NOT NULL,
  `field_date` date NOT NULL,
  `field_redirect` mediumint(8) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (`field_sid`),
  KEY `field_date` (`field_date`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS `chii_subject_interests` (
  `interest_id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `interest_uid` mediumint(8) unsigned NOT NULL,
  `interest_subject_id` mediumint(8) unsigned NOT NULL,
  `interest_subject_type` smallint(6) unsigned NOT NULL DEFAULT '0',
  `interest_rate` tinyint(3) unsigned NOT NULL DEFAULT '0',
  `interest_type` tinyint(1) unsigned NOT NULL DEFAULT '0',
  `interest_has_comment` tinyint(1) unsigned NOT NULL,
  `interest_comment` mediumtext NOT NULL,
  `interest_tag` mediumtext NOT NULL,
  `interest_ep_status` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `interest_vol_status` mediumint(8) unsigned NOT NULL,
  `interest_wish_dateline` int(10) unsigned NOT NULL,
  `interest_doing_dateline` int(10) unsigned NOT NULL,
  `interest_collect_dateline` int(10) unsigned NOT NULL,
  `interest_on_hold_dateline` int(10) unsigned NOT NULL,
  `interest_dropped_dateline` int(10) unsigned NOT NULL,
  `interest_create_ip` char(15) NOT NULL,
  `interest_lasttouch_ip` char(15) NOT NULL,
  `interest_lasttouch` int(10) unsigned NOT NULL DEFAULT '0',
  `interest_private` tinyint(1) unsigned NOT NULL,
  PRIMARY KEY (`interest_id`),
  UNIQUE KEY `user_interest` (`interest_uid`,`interest_subject_id`),
  KEY `interest_lasttouch` (`interest_lasttouch`),
  KEY `top_subject` (`interest_subject_id`,`interest_subject_type`,`interest_doing_dateline`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS `chii_subject_posts` (
  `sbj_pst_id` mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  `sbj_pst_mid` mediumint(8) unsigned NOT NULL,
  `sbj_pst_uid` mediumint(8) unsigned NOT NULL,
  `sbj_pst_related` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `sbj_pst_content` mediumtext CHARACTER SET utf8mb4 NOT NULL,
  `sbj_pst_state` tinyint(1) unsigned NOT NULL,
  `sbj_pst_dateline` int(10) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (`sbj_pst_id`),
  KEY `pss_topic_id` (`sbj_pst_mid`),
  KEY `sbj_pst_uid` (`sbj_pst_uid`)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;
