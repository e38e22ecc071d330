package org.onedoor.identity;

import java.util.Set;

/** The permissions checked at the boundary; roles are named sets of them, held as data in {@code identity.role}. */
public final class Permission {

    public static final String UNIT_READ = "unit:read";
    public static final String UNIT_MANAGE = "unit:manage";
    public static final String ACCOUNT_MANAGE = "account:manage";
    public static final String GRANT_MANAGE = "grant:manage";
    public static final String GRANT_READ = "grant:read";
    public static final String AUDIT_READ = "audit:read";
    public static final String AUDIT_VERIFY = "audit:verify";
    public static final String DOSSIER_SUBMIT = "dossier:submit";
    public static final String DOSSIER_OWN = "dossier:own";
    public static final String DOSSIER_RECEIVE = "dossier:receive";
    public static final String DOSSIER_READ = "dossier:read";
    public static final String DOSSIER_PROCESS = "dossier:process";
    public static final String DOSSIER_DECIDE = "dossier:decide";
    public static final String DOSSIER_ASSIGN = "dossier:assign";
    public static final String REPORT_READ = "report:read";
    public static final String REFORM_READ = "reform:read";
    public static final String REFORM_MANAGE = "reform:manage";
    public static final String STAFF_MANAGE = "staff:manage";
    public static final String PROCEDURE_MANAGE = "procedure:manage";
    public static final String CALENDAR_MANAGE = "calendar:manage";
    public static final String NOTIFICATION_MANAGE = "notification:manage";

    public static final Set<String> ALL = Set.of(UNIT_READ, UNIT_MANAGE, ACCOUNT_MANAGE, GRANT_MANAGE, GRANT_READ, AUDIT_READ,
            AUDIT_VERIFY, DOSSIER_SUBMIT, DOSSIER_OWN, DOSSIER_RECEIVE, DOSSIER_READ, DOSSIER_PROCESS, DOSSIER_DECIDE,
            DOSSIER_ASSIGN, REPORT_READ, REFORM_READ, REFORM_MANAGE, STAFF_MANAGE, PROCEDURE_MANAGE, CALENDAR_MANAGE,
            NOTIFICATION_MANAGE);

    /** Permissions over access itself: a granter must hold them to give them. */
    public static final Set<String> SENSITIVE = Set.of(ACCOUNT_MANAGE, GRANT_MANAGE, AUDIT_READ, AUDIT_VERIFY);

    private Permission() {
    }
}
