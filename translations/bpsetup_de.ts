<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AemParsers</name>
    <message>
        <source>The package list is not the XML AEM&apos;s Package Manager sends.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AemRestorer</name>
    <message>
        <source>This version of bpsetup cannot restore objects of the kind &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore %1 by hand from the backup folder, or use the bpsetup version that made the backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing the configuration %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup of %1 does not say where its file was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring the configuration %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration %1 is restored without its client secret: it was stored in clear text, and a backup never holds a clear-text secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client secret again in Tools › Security › Adobe IMS Configurations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring the properties of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 has no content package, so %2 cannot be brought back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore %1 from a repository backup of the instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for the backup package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup package is neither on the instance nor in the backup folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading the backup package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installing the backup package %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing the backup package %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AemSession</name>
    <message>
        <source>%1: AEM answered HTTP %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM or a dispatcher in front of it does not offer %1: allow it, or connect to the author directly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AEM user needs write access to %1 (use an administrator).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at AEM&apos;s error.log for this request, then run again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentsStep</name>
    <message>
        <source>Reading the replication agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal replication agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM creates %1 agents for the tenant when the cloud configuration is saved; bpsetup waits for them and sets Extended › Close Connection on each (the documented timeout fix).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM has created %1 of the %2 Brand Portal replication agents for %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at AEM&apos;s error.log for the agent creation, open the Brand Portal cloud configuration, make a small edit and save it again, then run apply again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the cloud configuration again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting Close Connection on a replication agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 of %2 Brand Portal replication agents are there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close Connection is not set on the agent %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApplyCommand</name>
    <message>
        <source>Tests:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the plan and run it without any write request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not ask: apply the plan as shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A plan saved with `bpsetup plan --json`: apply refuses it if the instance changed since.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (see bpsetup apply --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a plan saved with `bpsetup plan --json` (or it was a blocked plan).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>apply changes AEM and stdin is not a terminal to ask on: pass --yes to apply without asking, or --dry-run to see what it would do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 and checking the credential with Adobe IMS…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Apply %n change(s) to %1?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply was not confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do: the configuration is in place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: the Brand Portal configuration is in place and tested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back to the state before apply (backup %1)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back: the objects are as they were before apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also back up the touched objects as a content package built on the instance (Package Manager) and downloaded into the backup folder; the package stays under /etc/packages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates the Brand Portal configuration on an AEM 6.5 / 6.5 LTS author, or switches an existing JWT one to OAuth Server-to-Server: shows the plan, saves a backup of every object it touches, applies and verifies each step, then tests every Brand Portal replication agent. Asks before changing anything unless --yes is given.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApplyRecipe</name>
    <message>
        <source>The recipe %1 is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The apply recipe entry &quot;%1&quot; has no value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The apply recipe entry &quot;%1&quot; has the wrong type of value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The apply recipe has an unsupported schemaVersion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The apply recipe lacks the entry &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The apply recipe&apos;s runModesPattern is not a valid pattern.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The apply recipe&apos;s hotfix namePattern is not a valid pattern.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>The backup is damaged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use another backup (`bpsetup backups list`), or restore the objects by hand from the content package in the backup folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup could not be written to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free disk space or fix the permissions of the folder, then run apply again. Nothing was changed on AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a record lacks its step, kind or state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported schemaVersion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its id is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its package file name is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid backup id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup folder %1 could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the permissions of %1 (or free disk space), then run apply again. Nothing was changed on AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk holding %1 is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free some disk space, then run apply again. Nothing was changed on AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no backup &quot;%1&quot; in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the backups with `bpsetup backups list`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup.json is not JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its id does not match its folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup has no content package.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupsCommand</name>
    <message>
        <source>Lists the backups apply saved before changing an instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (see bpsetup backups --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: bpsetup backups list [--json]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backups in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  damaged: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2  %3 object(s)%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, content package</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangeTypes</name>
    <message>
        <source>create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckStatus</name>
    <message>
        <source>✔ Passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>– Skipped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloudConfigStep</name>
    <message>
        <source>Reading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the new IMS configuration)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal cloud configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving it makes AEM create the Brand Portal replication agents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the Brand Portal cloud configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading back %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cloud configuration %1 does not read back as saved (tenantURL, imsConfig): check that the recipe&apos;s property names match this AEM version.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigFolderRead</name>
    <message>
        <source>Reading %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionOptions</name>
    <message>
        <source>AEM author address, e.g. https://author.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM user name (an administrator).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>U</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the password from the first line of stdin (else from BPSETUP_AEM_PASSWORD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read a bearer token (AEM as a Cloud Service) from stdin instead of a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra CA certificates (PEM) to trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the server certificate with this SHA-256 fingerprint (as shown by a failed run); it is remembered once the connection worked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy URL (http://host:port or socks5://host:port); &quot;none&quot; for no proxy. Default: the system proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to wait for each answer (default 15).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a saved profile: its address and user, and its password or token from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --timeout in seconds, e.g. --timeout 30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--aem URL is required, e.g. --aem http://localhost:4502.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; has no AEM password or token in the keychain: save one with bpsetup profile save %1 --password-stdin, or pipe it with --password-stdin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--token-stdin was given but stdin had no token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--user U is required (or --token-stdin for a Cloud Service token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1 at %2: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--password-stdin was given but stdin had no password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password: pipe it with --password-stdin or set BPSETUP_AEM_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusting this certificate for %1 from now on (saved in %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 is trusted without the fingerprint; nothing was pinned.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContentPackage</name>
    <message>
        <source>Download %1 from Adobe&apos;s Software Distribution (%2) and give that file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package&apos;s properties.xml is not a properties document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a zip file, so it is not an AEM content package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unpacks to more than a content package bpsetup accepts: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a damaged or incomplete zip file (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a zip file but not an AEM content package (it has no %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a damaged zip file (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an AEM content package: its %2 does not name the package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names its package &quot;%2&quot;, which is not a valid package name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is the content package %2 (group %3), not the OAuth compatibility hotfix %4 that AEM 6.5.11.0 to 6.5.20.0 need.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreateOptions</name>
    <message>
        <source>OAuth Server-to-Server credential JSON from Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME|URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS (default https://ims-na1.adobelogin.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this AEM version if it cannot be read (6.5.x.y, 6.6.x).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipe JSON overriding the built-in detect and apply entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup %2 --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--credentials FILE is required (the OAuth Server-to-Server JSON downloaded from Developer Console).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential is incomplete: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OAuth compatibility hotfix (ims-jwt-compatibility-package-6.5-1.0.zip) for AEM 6.5.11.0 to 6.5.20.0: installed as the plan&apos;s first step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal tenant: https://&lt;tenant&gt;.brand-portal.adobe.com or its name (read from the existing configuration when left out).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the client secret stored in AEM with the credential&apos;s second secret (validated with IMS first), even when the stored one still works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rotate-secret needs a credential file with two client secrets: generate the second one in Adobe Developer Console and download the credential again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway upgrade: wait up to SECONDS for the old agents&apos; queues to drain (default: refuse at once when an item is queued).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--wait-for-idle takes a number of seconds from 0 to 86400, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT upgrade: also remove the key alias the JWT configuration used from the service user&apos;s keystore (backed up first; OAuth Server-to-Server needs no key pair).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreatePrerequisites</name>
    <message>
        <source>The AEM version could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give it with --aem-version (6.5.x.y or 6.6.x), or allow /system/console/productinfo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is AEM as a Cloud Service: Brand Portal is activated in Cloud Manager, not configured on the instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (your Adobe representative enables it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM %1 cannot be connected to Brand Portal through Adobe Developer Console (6.5.4.0 or later is needed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the latest AEM 6.5 service pack (6.5.21.0 or later), then run bpsetup again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM %1 has no OAuth Server-to-Server support, and new JWT credentials cannot be created since 2024-06-03.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the latest AEM 6.5 service pack (6.5.21.0 or later; 6.5.11.0 with the compatibility hotfix at least), then run bpsetup again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM %1 needs the OAuth compatibility hotfix; the package you gave is installed as the plan&apos;s first step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM %1 needs the OAuth compatibility hotfix ims-jwt-compatibility-package-6.5-1.0.zip before an OAuth Server-to-Server IMS configuration can be made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a publish instance: Brand Portal is configured on the author.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the AEM author instance instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run modes could not be read (/system/console blocked?): make sure this is the author.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do if it is the author.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS has not issued a token for this credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the client id and secret in Adobe Developer Console, then run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a Service Account (JWT) credential. Adobe converted every JWT credential to OAuth Server-to-Server by 2026-03-01; JWT token exchange no longer works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a Service Account (JWT) credential; new configurations use OAuth Server-to-Server (JWT reaches its end on 2026-03-01).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the OAuth Server-to-Server credential of the same Developer Console project (the client id is the same) and give that file instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential&apos;s kind could not be recognised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the OAuth Server-to-Server credential downloaded from Adobe Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the package from Adobe&apos;s Software Distribution (link below), install it with Package Manager, then run bpsetup again; or install 6.5.21.0 or later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached: a dispatcher or firewall blocks the Felix console, and bpsetup writes the IMS configuration through it (configMgr) and has AEM encrypt the client secret there (crypto).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow /system/console/configMgr and /system/console/crypto for your address (or connect to the author directly, e.g. port 4502), then plan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The existing configuration belongs to the tenant %1, not to the tenant given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the tenant out to keep %1 (it is read from the existing configuration), or remove that configuration first: Adobe allows one author per tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenant was given and none can be read from an existing configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the tenant with --tenant (https://&lt;tenant&gt;.brand-portal.adobe.com or its name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWT configuration uses the client id %1, the credential given another one. Adobe&apos;s conversion to OAuth Server-to-Server keeps the client id, so this credential probably belongs to another Developer Console project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the OAuth Server-to-Server credential of the project whose client id is %1 (its credential page in Developer Console), and give that file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreateSession</name>
    <message>
        <source>Another Brand Portal IMS configuration (client %1); Adobe allows only one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the Legacy OAuth Gateway setup; Adobe&apos;s upgrade deletes it before the new configuration is created (the gateway it used is gone).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration is inconsistent (%1); Adobe&apos;s remedy is to delete it and create it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Credential</name>
    <message>
        <source>OAuth Server-to-Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service Account (JWT) — retired by Adobe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown credential kind</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialImporter</name>
    <message>
        <source>This is a Service Account (JWT) credential. Adobe retired JWT credentials: none can be created since 2024-06-03, they reached end of life on 2025-06-30, and the remaining ones were converted to OAuth Server-to-Server by 2026-03-01. Use it only to check or migrate an existing setup; new setups use OAuth Server-to-Server (same client ID after migration).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a Service Account (JWT) credential. Adobe retired JWT credentials: none can be created since 2024-06-03, they reached end of life on 2025-06-30, and remaining ones are converted to OAuth Server-to-Server at certificate expiry or on 2026-03-01, whichever comes first. Migrate to OAuth Server-to-Server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential file is not valid JSON (%1 at character %2). If you copied it, copy the whole file again; if it was downloaded, download it again from Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential file must be a JSON object, as Developer Console downloads it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This project download contains no credentials. Add an OAuth Server-to-Server credential with the AEM Brand Portal API to the project, then download it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This project download has only %1 credentials, which cannot log in server-to-server. Add an OAuth Server-to-Server credential with the AEM Brand Portal API, then download it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential is being migrated from JWT; the OAuth Server-to-Server part is used. Finish the migration in Developer Console once AEM uses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has %1 server-to-server credentials; &quot;%2&quot; is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a &quot;%1&quot; credential, which cannot log in server-to-server. Use an OAuth Server-to-Server credential with the AEM Brand Portal API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is an AEM as a Cloud Service service credential (from the AEM Developer Console), not a Developer Console credential for Brand Portal. Download the credential of the project that has the AEM Brand Portal API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JWT payload has no client secret: add it from the credential page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate %1… on this credential expired on %2; a JWT signed with its key is rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate %1… on this credential expires on %2, within 30 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is an OAuth Web/user credential (it has redirect URIs). Brand Portal needs an OAuth Server-to-Server credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This JSON is not a Developer Console credential (found the keys: %1). Download the credential from the project in Developer Console (Download all, or Download JSON on the credential page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed spaces or line breaks around the %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organization ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>technical account ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>technical account email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed spaces around the scopes (IMS expects them comma-separated without spaces).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed spaces or line breaks around the client secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the credential kind: OAuth Server-to-Server for new setups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client ID (API key) is missing. Copy it from the credential page in Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client ID contains spaces; copy it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organization ID is missing. Copy it from Developer Console (it ends in @AdobeOrg).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IMS organization ID: it must end in @AdobeOrg. The numeric console org id is a different value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client secret is missing or empty. Copy it from the credential page in Developer Console (Retrieve client secret).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client secret contains spaces or line breaks; copy it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An OAuth Server-to-Server credential has at most two client secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scopes are missing. Copy them exactly as listed on the credential&apos;s Scopes tab; Adobe publishes no fixed list for Brand Portal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Separate the scopes with commas, not spaces, exactly as the Scopes tab lists them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a JWT metascope, not an OAuth scope. Use the scopes from the OAuth Server-to-Server credential&apos;s Scopes tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The technical account ID is missing (it ends in @techacct.adobe.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a technical account ID (it ends in @techacct.adobe.com; the technical account email is a different value).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metascopes are missing. For AEM Brand Portal it is ent_brand_portal_sdk (see the credential&apos;s JWT payload).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeleteNodeStep</name>
    <message>
        <source>Delete the replication agent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the Brand Portal cloud configuration %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the replication user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is still there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeleteOsgiConfigStep</name>
    <message>
        <source>Reading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove another Brand Portal IMS configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing the IMS configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is still there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetectCommand</name>
    <message>
        <source>Certificate presented by %1:
  subject  %2
  issuer   %3
  valid    %4 to %5
  SHA-256  %6
If this fingerprint is the one your administrator expects, re-run with
  --trust-fingerprint %7
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (chosen by hand)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conflict: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth S2S:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the AEM version and the existing Brand Portal configuration, and reports the setup route. Read-only: sends no write requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this AEM version if it cannot be read (cloud, 6.5.x.y, 6.6.x).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detection recipe JSON replacing the built-in one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (see bpsetup detect --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup detect --help).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetectionRecipe</name>
    <message>
        <source>The detection recipe is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a pattern is missing or invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a repository path or name is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a version source needs an id and an absolute path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version source %1 needs a pattern with one capture group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version source %1 needs packageGroup and packageName</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version source %1 has an unknown kind &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least two independent version sources are needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is missing from this build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a JSON object (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distributionAgent.path must be an absolute path</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagnoseCatalogue</name>
    <message>
        <source>AEM reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM version and service pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth Server-to-Server support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One Brand Portal IMS configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal cloud configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leftovers of an old setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication agents enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close Connection on the agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication agents (Test Connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distribution agent (Cloud Service)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distribution queues (Cloud Service)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distribution agent Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clock difference to AEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paths the checks need are not blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One author per tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keystore certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS configuration in use (Configuration Admin)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagnoseCommand</name>
    <message>
        <source> (Test Connection: with --run-tests)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only health checks of one AEM author&apos;s Brand Portal connection, each with the evidence read and a remedy: version and OAuth support, configuration state, IMS and cloud configurations, tenant URL, leftovers, replication agents and queues (6.5) or the distribution agent (Cloud Service), clock difference and proxy. Nothing is written; with --run-tests the agents&apos; Test Connection requests are sent too. Exit 0 when no check fails, 1 when one does, 3 when AEM cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON object on stdout: ok, deployment, version, state, tenant, durationMs, toolVersion, checks (id, status, severity, title, evidence, remedy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run only these checks (comma-separated ids; see --list-checks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IDS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the checks (id, severity, title) and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also run the agents&apos; Test Connection (it sends a test package through each agent; the only requests diagnose may send that are not reads).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (see bpsetup diagnose --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup diagnose --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown check &quot;%1&quot; (bpsetup diagnose --list-checks lists them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also write the report as one self-contained HTML file (opens offline, prints well; no secret can reach it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE.html</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace host names and tenant names with stable placeholders (aem-host-1, tenant-1) in the report and the JSON, so a customer can send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for the instances of %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--password-stdin was given but stdin had no password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inventory lists URLs: give their password with --password-stdin (one for all) or BPSETUP_AEM_PASSWORD, or list saved profiles instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 without failures, %2 with failing checks, %3 not reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnose every instance FILE lists (CSV with a header name,url,user,profile, or a JSON array of such objects): passwords from the profiles&apos; keychain entries or one --password-stdin for all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --inventory: seconds one instance may take before it is reported as timed out (default 120).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--inventory lists the instances: leave out --aem and --profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 takes a number from 1 to %2, not &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--parallel and --instance-timeout go with --inventory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --inventory: how many instances at a time (default 16).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagnoseHtml</name>
    <message>
        <source>pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents and queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection chain and the result of each link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal diagnosis: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal connection diagnosis</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>✖ %n check(s) failed: publishing to Brand Portal is affected.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>✔ No check failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 passed, %2 warned, %3 failed, %4 skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To fix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnosis took</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made by bpsetup diagnose, which only reads from AEM. Passwords, tokens, keys and secrets are removed before this page is written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be written to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder you can write to, with free space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Brand Portal diagnosis of %n instance(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 without failures, %2 with failing checks, %3 not reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reached</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagnoseText</name>
    <message>
        <source>PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tenant %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 checks: %2 passed, %3 warned, %4 failed, %5 skipped (%6 ms).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HotfixStep</name>
    <message>
        <source>Reading the package list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow /crx/packmgr in the dispatcher, or connect to the author directly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Package Manager refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at AEM&apos;s error.log and at Package Manager (/crx/packmgr), then run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth compatibility hotfix (content package)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hotfix is installed already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package is uploaded but not installed; it is uploaded again and installed with Package Manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM 6.5.11.0 to 6.5.20.0 need it for OAuth Server-to-Server; it is uploaded and installed with Package Manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package list shows %1 uploaded but not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package list does not show %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uninstalling %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImsCustomizerStep</name>
    <message>
        <source>IMS configuration (client secret)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(new) %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret is stored encrypted by AEM (/system/console/crypto).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret is stored as AEM&apos;s configuration value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored secret works: the instance&apos;s Test Connection obtains a token with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored secret could not be shown to work; it is replaced with the validated one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypting the client secret on the instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client secret configuration (%1) is not in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client secret reads back differently from what was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation: the stored secret is replaced with the credential&apos;s other secret, which IMS accepted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImsProviderStep</name>
    <message>
        <source>IMS configuration (access token provider)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(new) %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An IMS configuration for this client id exists; it is reused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud Solution Adobe Brand Portal, authentication OAuth Server-to-Server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the IMS configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IMS configuration %1 is not in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IMS configuration&apos;s %1 reads back as &quot;%2&quot;, not &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWT configuration of this client id is switched to OAuth Server-to-Server in place (Adobe&apos;s conversion keeps the client id); the old values stay in the backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IMS configuration still has the JWT property %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Inventory</name>
    <message>
        <source>Give a CSV file with a header line (name,url,user,profile) or a JSON array of objects with those keys; each instance needs a profile or a url.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names neither a profile nor a url.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inventory is not valid JSON: %1 (at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: the header must name the columns (name, url, user, profile), not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inventory lists no instance.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyPairGenerator</name>
    <message>
        <source>The certificate must be valid for 1 to %1 days (Developer Console&apos;s own key pairs last 365 days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate name (CN) must be 1 to %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not generate the key pair.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeygenCommand</name>
    <message>
        <source>Generates an RSA 2048 private key and a self-signed certificate for a Developer Console service account (JWT) credential: upload certificate_pub.crt, keep private.key secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for private.key and certificate_pub.crt (created if missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate validity in days, 1 to 3650 (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate common name (default bpsetup).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace existing files. The old key stops working once its certificate is removed from Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (see bpsetup keygen --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup keygen --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out DIR is required: the folder for private.key and certificate_pub.crt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--days takes a whole number of days from 1 to 3650.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another --out folder, or add --force to replace it (a key already in use stops working once its certificate is removed from Developer Console).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated an RSA 2048 key pair.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (in %2 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (mode 0600)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: upload %1 to the credential in Adobe Developer Console; keep %2 secret (Adobe never has a copy, so store it safely).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkSettings</name>
    <message>
        <source>Enter the address of the AEM author instance, for example https://author.example.com or http://localhost:4502.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address &quot;%1&quot; has no scheme. Start it with https:// (or http:// for a local instance), for example https://%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid address: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address must start with https:// or http://, not %1://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address &quot;%1&quot; has no host name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not put the user name or password in the address; use the separate fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the server root without a path (for example %1://%2), not a page such as %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the query or fragment (after ? or #) from the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy &quot;%1&quot; is not valid; use http://host:port or socks5://host:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only http:// and socks5:// proxies are supported, not %1://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy address needs a port, for example http://proxy.example.com:3128.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The timeout &quot;%1&quot; is not a number of seconds from 0.01 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA file %1 contains no certificate (PEM or DER expected).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PackageBackup</name>
    <message>
        <source>Creating the backup package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting the backup package&apos;s filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the backup package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the backup package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup package %1 downloaded from AEM is not a usable zip file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>The plan file is not a bpsetup plan: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new plan with `bpsetup plan --json &gt; FILE`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported schemaVersion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>steps, prerequisites or fingerprint missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a step is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a prerequisite is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan for %1 (AEM %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BLOCKED: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  What to do: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing will be changed until the blocking prerequisites are resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do: the configuration is already in place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup of every object above is saved under %1 before the first change.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanCommand</name>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (see bpsetup plan --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 and checking the credential with Adobe IMS…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows what creating the Brand Portal configuration on an AEM 6.5 / 6.5 LTS author (or upgrading the existing one) would change: the prerequisites, then each object with its field-level diff (secrets as ***). Read-only: sends no write request.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrivateKey</name>
    <message>
        <source>No certificate was given. Use certificate_pub.crt, the file uploaded to Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate file is far too large to be a certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a private key, not a certificate. Use certificate_pub.crt, the file uploaded to Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a certificate (it has no BEGIN CERTIFICATE line). Use certificate_pub.crt, the file uploaded to Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate could not be read: it is damaged or not an X.509 certificate (PEM or DER).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No private key was given. Paste the contents of private.key or choose the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key file is far too large to be a key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This does not look like a PEM private key. Paste the whole file including the BEGIN/END lines (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is an OpenSSH key, which cannot be used here. Convert it with &quot;ssh-keygen -p -m PEM -f FILE&quot; or generate a new RSA 2048 key pair.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a certificate (BEGIN CERTIFICATE), not the private key. Use the private key file (private.key) made together with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a public key, not the private key. Use the private key file (private.key). Developer Console never keeps the private key; if it is lost, generate a new key pair.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a private key (it starts with BEGIN %1). Paste the private key file, which starts with BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key is protected by a passphrase. Enter the passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase does not unlock this private key. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key could not be read: the PEM text is damaged or incomplete. Paste the whole file again, including the BEGIN/END lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is an %1 key, but Adobe needs an RSA key (2048 bits or more). Generate a new RSA 2048 key pair and upload its certificate to Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This RSA key has only %1 bits; Adobe needs at least %2. Generate a new RSA 2048 key pair and upload its certificate to Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No private key is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate&apos;s public key could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing with the private key failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate&apos;s expiry date could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileCommand</name>
    <message>
        <source>Name a profile command: list, show, save, rename or delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown profile command &quot;%1&quot; (list, show, save, rename, delete).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (usage: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (usage: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No profiles saved yet (bpsetup profile save --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets in %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM author address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>U</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the AEM password from stdin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read an AEM bearer token from stdin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer Console credential JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT private key (PEM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the private key&apos;s passphrase from stdin (after the password, one per line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either --password-stdin or --token-stdin, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--aem URL is required for a new profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM token: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was read from stdin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a private key, not a credential file: pass it with --private-key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase for the private key: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--key-passphrase-stdin was given but stdin had no passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass the passphrase with --key-passphrase-stdin (after the password, one per line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved profile &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets stored in: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not renamed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed profile &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete without asking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting profile &quot;%1&quot; also deletes its secrets from the keychain: add --yes to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete profile &quot;%1&quot; (%2) and its secrets in the keychain? [y/N] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile and its secrets were kept; fix the problem and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted profile &quot;%1&quot; and its keychain entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a certificate, not a credential file: pass the JSON downloaded from Developer Console with --credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage:
  bpsetup profile list [--json]
  bpsetup profile show NAME [--json]
  bpsetup profile save NAME --aem URL --user U [--password-stdin | --token-stdin]
                       [--credentials FILE] [--private-key PEM] [--key-passphrase-stdin]
                       [--tenant T] [--ims-url URL] [--json]
  bpsetup profile rename OLD NEW [--json]
  bpsetup profile delete NAME [--yes] [--json]

A profile keeps everything non-secret about a connection in %1; its secrets (AEM password or
token, client secrets, private key, passphrase) go to the OS keychain only. Commands that talk to
AEM or IMS accept --profile NAME and then read the secrets from the keychain. `show` never prints
a secret, only whether it is stored. `delete` also removes the profile&apos;s keychain entries.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>&quot;%1&quot; is not a usable profile name: use 1 to 64 letters, digits, spaces, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profiles file %1 is damaged (%2) and could not be moved aside, so it is left as it is and nothing will be saved over it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix or move the file by hand, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profiles file was damaged (%1). It was kept as %2 and a new, empty profiles file will be used; secrets in the keychain are untouched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at the kept file to recover the profiles by hand if you need them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>larger than %1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions; nothing is saved over it until it can be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its format version is not a whole number this tool understands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profiles file %1 was written by a newer bpsetup (format %2; this one knows %3). The profiles can be used, but changes are not saved so nothing of the newer format is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update bpsetup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no profiles in a form this tool knows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a profile is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;profiles&quot; is not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name &quot;%1&quot; is there twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the profiles file was written by a newer bpsetup. Update bpsetup to change profiles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the profiles file could not be backed up before its format is updated (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the profiles file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueuesIdleStep</name>
    <message>
        <source>1 item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the queue of the agent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 still queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 queued on the Brand Portal agents (%2); the oldest, %3, since %4. Deleting the agents now would lose them. Pending: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unknown time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent queues are idle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the Brand Portal agent queues are idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe&apos;s upgrade starts with idle queues: queued items of deleted agents are lost. Checked again right before the first change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the queues drain (Tools › Deployment › Replication › Agents on author: each Brand Portal agent shows &quot;Queue is idle&quot;), or wait for them: the wizard&apos;s Wait for the queues button, or --wait-for-idle SECONDS on the command line. A blocked queue needs its first item fixed or removed. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadOptions</name>
    <message>
        <source>Use this AEM version if it cannot be read (cloud, 6.5.x.y, 6.6.x).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipe JSON overriding the built-in detect and apply entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemoveKeyAliasStep</name>
    <message>
        <source>Looking up the user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the keystore of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the JWT key alias %1 from the keystore of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left over from JWT: OAuth Server-to-Server needs no key pair. The keystore is in the backup, so rollback brings the alias back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore of %1 still holds the alias %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not check whether the JWT key alias %1 is still in a keystore: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing depends on it. To clean up by hand: Tools &gt; Security &gt; Users &gt; %1 &gt; Keystore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore of %1 still holds the JWT key alias %2, which OAuth Server-to-Server does not use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove it with this upgrade: run again with --remove-jwt-key-alias (in the wizard: tick &quot;Also remove the JWT key alias&quot; on the Review page). It is backed up first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RollbackCommand</name>
    <message>
        <source>Restores what one apply changed on an author, from the backup apply saved before its first write (bpsetup backups list). Safe to repeat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not ask.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipe JSON overriding the built-in detect and apply entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (see bpsetup rollback --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup rollback --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--backup ID is required: one of the ids `bpsetup backups list` shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rollback changes AEM and stdin is not a terminal to ask on: pass --yes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Restore %n object(s) on %1 to their state of %2?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback was not confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back: the objects are as they were before apply.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RollbackSession</name>
    <message>
        <source>The backup %1 was made on %2, not on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to %1 to roll this backup back, or choose the backup of this instance (bpsetup backups list).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RouteSelector</name>
    <message>
        <source>A Legacy OAuth Gateway configuration exists. Adobe has not supported it for new setups since 2020-04-06; when it misbehaves the fix is to delete it and recreate it through Adobe Developer Console. The upgrade checks that the Brand Portal queues are idle, deletes the old agents, cloud configuration and replication user, and recreates the configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IMS configuration still uses a JWT (Service Account) credential. JWT credentials reached end of life on 2025-06-30 and Adobe converted the remaining ones to OAuth Server-to-Server by 2026-03-01, so token exchange through JWT no longer works. Switch the IMS configuration to OAuth: the client ID stays the same; you need the OAuth client secret and scopes from Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IMS configuration uses a JWT (Service Account) credential. JWT credentials reached end of life on 2025-06-30 and are converted to OAuth Server-to-Server at certificate expiry or on 2026-03-01, whichever comes first. Switch the IMS configuration to OAuth now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Brand Portal configuration with OAuth Server-to-Server already exists: nothing needs migrating. The upgrade path re-verifies it and can rotate its credentials; to look for problems, use Diagnose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Brand Portal configuration exists but is inconsistent or failing. Adobe&apos;s advice is to delete it and create a new one through Adobe Developer Console; the upgrade path does that with a backup first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the hotfix %1 (AEM 6.5.11.0 to 6.5.20.0), or upgrade to AEM 6.5.21.0 or later, where OAuth Server-to-Server is built in. Adobe&apos;s pages disagree on whether 6.5.20.0 needs it; the tool follows the majority and treats it as required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrade AEM to 6.5.21.0 or later (or to 6.5.11.0+ with the hotfix %1): this version has no OAuth Server-to-Server option, and new JWT credentials cannot be created since 2024-06-03.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrade AEM to 6.5.21.0 or later (or to 6.5.11.0+ with the hotfix %1) to use OAuth Server-to-Server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the package list to check for the hotfix %1; if AEM is below 6.5.21.0, check in Package Manager that it is installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AEM version could not be read from any source, so the route cannot be chosen safely. Choose the version by hand (wizard: Connect page; CLI: --aem-version), or ask an administrator to allow /system/console/productinfo or the Package Manager for this user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM 6.5 with the latest service pack (6.5.21.0 or later), AEM 6.5 LTS, or AEM as a Cloud Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM %1 is not supported for Brand Portal setup: Adobe documents it only for AEM as a Cloud Service and AEM 6.5.4.0 and later (6.4, 6.3 and 6.2 have reached end of support). Upgrade to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: Brand Portal is activated from Cloud Manager, which creates the IMS configuration and cloud service itself. A configuration already exists; do not modify the autogenerated settings. Use Diagnose to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: activate Brand Portal in Cloud Manager (Environments › Activate Brand Portal) on the production environment; activation creates the IMS configuration and cloud service automatically on the same IMS org. Brand Portal is in maintenance mode: new activations currently go through your Adobe representative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the latest AEM 6.5 service pack (at least 6.5.4.0; 6.5.21.0 or later adds OAuth Server-to-Server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM %1 is older than 6.5.4.0, the first version that can be connected to Brand Portal through Adobe Developer Console. Install %2, then run this tool again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The existing Brand Portal configuration could not be read, so it is unclear whether to create or upgrade. Connect as an administrator (the user needs read access to /conf, /etc, /apps/system/config and /home/users).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Brand Portal configuration yet. AEM 6.5 LTS supports OAuth Server-to-Server only: create an OAuth Server-to-Server credential with the AEM Brand Portal API and the Assets Brand Portal product profile in Adobe Developer Console, then create the IMS configuration and the Brand Portal cloud configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Brand Portal configuration yet. Create an OAuth Server-to-Server credential with the AEM Brand Portal API and the Assets Brand Portal product profile in Adobe Developer Console, then create the IMS configuration and the Brand Portal cloud configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate Brand Portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrade configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be determined</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No D-Bus session: the keychain cannot be reached. Run bpsetup inside a desktop session, or start one with dbus-run-session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain service: install gnome-keyring (or KWallet) and log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login keyring is locked: unlock it (e.g. open Passwords and Keys / seahorse) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused access to bpsetup: allow it when the keychain asks, or check the keychain&apos;s access settings, and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain did not answer within %1 seconds. If an unlock prompt is open, answer it and try again; otherwise restart the keychain service (log out and in again).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before the keychain answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain for profile &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile name must not be empty and must not contain &apos;/&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An empty secret cannot be stored; remove the entry instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain did not store the secret correctly: reading it back gave a different value. Try again, or check the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain entry is damaged (part of a split value is missing). Save the secret again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such entry in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupActions</name>
    <message>
        <source>Brand Portal looks activated: verify the cloud configuration and the distribution agent bpdistributionagent0 from the AEM side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (through your Adobe representative while Brand Portal is in maintenance mode), then verify what activation creates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Brand Portal configuration exists: create one with an OAuth Server-to-Server credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Legacy OAuth Gateway is gone: publishing to Brand Portal no longer works. The upgrade deletes the old agents, cloud service and replication user (after a backup) and creates the OAuth Server-to-Server configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT token exchange stopped working on 2026-03-01. The upgrade switches the IMS configuration to OAuth Server-to-Server in place (same client id), after a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration is inconsistent. Adobe&apos;s remedy is to delete and recreate it; the upgrade does that after a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration already uses OAuth Server-to-Server: verify it end to end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the client secret with the credential&apos;s other secret (Developer Console holds two), validated with Adobe IMS before it is written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change nothing and verify the configuration as it is (it is expected to fail).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create the configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upgrade to OAuth Server-to-Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep it and verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate the client &amp;secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation &amp;checklist and verify</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SimFromReport</name>
    <message>
        <source>Give the JSON that bpsetup diagnose --json printed (saved to a file), masked or not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a diagnose report: it has no checks or state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The version &quot;%1&quot; was not read; %2 is served.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) is not reproduced.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SimulateCommand</name>
    <message>
        <source>Serves a simulated AEM author and a simulated Adobe IMS on 127.0.0.1 until Ctrl+C (SIGINT) or SIGTERM. For demos, training and reproducing support cases; no real AEM needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM port (IMS uses the next one); default: free ports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM version: %1 (any 6.5.x.y or 6.6.x works).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal configuration: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal tenant name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milliseconds added before every answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve HTTPS with a freshly generated self-signed certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the IMS OAuth compatibility hotfix as installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path prefix a dispatcher blocks (repeatable), e.g. /system/console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PREFIX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write Developer Console downloads for the simulated OAuth Server-to-Server and Service Account (JWT) credentials into DIR (created if needed). They hold this run&apos;s throwaway secrets and private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind the X.509 certificate in FILE to the JWT credential CLIENT_ID, like the upload in Developer Console (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CLIENT_ID=FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the URLs and login as one JSON line before serving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (see bpsetup simulate --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup simulate --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port takes a number from 1 to 65534.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--latency takes milliseconds from 0 to 600000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--register-certificate takes CLIENT_ID=FILE, got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated AEM author (%1, %2): %3
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated Adobe IMS:  %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM login:            %1 / %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth S2S client ID:  %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT client ID:        %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate SHA-256:  %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving until Ctrl+C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential files written (throwaway secrets of this run):
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulator stopped after %1 requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make one setup step fail once with 500 (repeatable): %1. &quot;agents&quot; makes the first Brand Portal cloud configuration save create no replication agents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STEP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the known --fail-step names and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown --fail-step &quot;%1&quot;. Known steps: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulate a publish instance (run mode publish).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Misbehave on purpose (repeatable): %1. hang, oversize, not-aem and sso-redirect affect AEM; ims-5xx makes the IMS token endpoints answer 503 twice before working, ims-html makes IMS answer everything with a captive-portal login page, ims-hang makes IMS never answer, csrf-expiry accepts each CSRF token for one write only, error-queue (cloud, oauth-s2s) puts 2 failed items in the Brand Portal distribution agent&apos;s error-queue, distribution-test-fails (cloud, oauth-s2s) makes that agent&apos;s Test Connection answer 400 DROPPED.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put N pending items in each Brand Portal replication agent&apos;s queue (a busy queue: the Legacy OAuth Gateway upgrade refuses until it drains).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each queue read delivers N of the pending items (default 0: the queues are stuck).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 takes a number from 0 to 10000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the simulated IMS exchange JWTs as before 2026-03-01 (by default the JWT credential is converted, as Adobe did with every one, and its exchange fails).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the known --fault names and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve the instance a diagnose report describes (the JSON of bpsetup diagnose --json, masked or not): its version, configuration state, tenant and the faults its checks found. Not with --aem-version, --state, --tenant, --fault or --publish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REPORT.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from-report sets the version, state, tenant and faults; leave out --%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the report:      faults %1%2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, publish instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reproduced:       %1
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Simulator</name>
    <message>
        <source>Could not write &quot;%1&quot;: %2. Choose a directory you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an existing file could not be replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the directory could not be created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulator could not create its temporary JWT key pair. Check the OpenSSL installation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not an X.509 certificate. Upload the public certificate (certificate_pub.crt, PEM or DER), not the private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate&apos;s key is not an RSA key. Service Account (JWT) credentials need an RSA certificate (RS256).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate could not be stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulated IMS has no credential with the client ID &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates belong to Service Account (JWT) credentials; &quot;%1&quot; is an OAuth Server-to-Server credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulator could not listen on 127.0.0.1:%1 (%2). Choose another port or stop the program using it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulator could not create its temporary TLS certificate. Run it without TLS or check the OpenSSL installation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown AEM version &quot;%1&quot;. Use &quot;cloud&quot;, 6.5.x.y or 6.6.x, for example: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant &quot;%1&quot; is not valid. Use lower-case letters, digits and hyphens, as in the Brand Portal URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The latency must not be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port 65535 leaves no room for the IMS port (port + 1). Choose a lower port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the simulator before writing its credential files (they name its IMS URL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown simulator state &quot;%1&quot;. Known states: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown simulator fault &quot;%1&quot;. Known faults: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown failure step &quot;%1&quot;. Known steps: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TenantUrl</name>
    <message>
        <source>&quot;%1&quot; is not a Brand Portal tenant URL: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the tenant URL as https://&lt;tenant&gt;.brand-portal.adobe.com (the tenant-id URL, not an alias) or just the tenant name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must start with https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must not have a port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must not contain a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must not have a path or query.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host must end with .brand-portal.adobe.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there must be exactly one tenant label before .brand-portal.adobe.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a Brand Portal download host, not a tenant URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use your tenant&apos;s own URL, https://&lt;tenant&gt;.brand-portal.adobe.com, as shown in the address bar when you sign in to Brand Portal.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrustStore</name>
    <message>
        <source>The trusted certificates file %1 is damaged (%2) and could not be moved aside; nothing will be saved over it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the file aside by hand; certificates will then be asked for again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trusted certificates file was damaged (%1). It was kept as %2; certificates you trusted before will be asked for again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;pins&quot; is missing or not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the entry for %1 is not a SHA-256 fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the trusted certificates file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its format version is not a whole number this tool understands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trusted certificates file %1 was written by a newer bpsetup: its pins are used, but new ones are not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update bpsetup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ValidateCommand</name>
    <message>
        <source>%1 s (%2 h %3 min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a private key, not a Developer Console credential file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass the key with --private-key, and the JSON downloaded from Developer Console with --credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a certificate, not a Developer Console credential file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass the certificate with --certificate, and the JSON downloaded from Developer Console with --credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks Adobe Developer Console credentials directly against Adobe IMS, before anything touches AEM. Nothing is stored; the token IMS issues is discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential JSON from Developer Console (project &quot;Download all&quot;, the credential&apos;s Download JSON, or the JWT payload).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT only: the private key (PEM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT only: the certificate uploaded to the credential (PEM or DER); checked against the private key and for expiry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the private key&apos;s passphrase from the first line of stdin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS address (default https://ims-na1.adobelogin.com; http:// only for 127.0.0.1/localhost).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (see bpsetup validate --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup validate --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--credentials FILE is required (the JSON downloaded from Developer Console), or --profile NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential: %1, client %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential is incomplete:
  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This JWT credential is checked by signing a JWT with its private key: pass it with --private-key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If AEM generated the key pair (you uploaded AEM&apos;s public certificate to Developer Console), the key exists only inside AEM: direct validation is impossible, and AEM&apos;s own health check after the configuration is applied will test it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase for the private key: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--key-passphrase-stdin was given but stdin had no passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass the passphrase on the first line of stdin with --key-passphrase-stdin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate expired on %1: IMS no longer accepts JWTs signed for it, and JWT certificates cannot be renewed any more. Migrate to OAuth Server-to-Server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate expires on %1, within 30 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: an OAuth Server-to-Server credential needs no private key; --private-key is ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK: Adobe IMS issued a %1 token for %2 (client %3, org %4), valid for %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret %1 of %2 was accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected by Adobe IMS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked: Adobe IMS did not decide on the credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(IMS said: %1 — %2%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; debug id %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyChecklist</name>
    <message>
        <source>Run bpsetup verify: it checks from the AEM side what activation creates (the Brand Portal cloud configuration, the distribution agent bpdistributionagent0, its queues and its Test Connection). bpsetup writes no configuration on Cloud Service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Cloud Manager (experience.adobe.com › Cloud Manager).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the program, then its production environment (the one entitled to Brand Portal) under Environments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Activate Brand Portal. Adobe currently notes that while Brand Portal is in maintenance mode, activation goes through your Adobe representative: contact them to activate it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the status shows &apos;Activated&apos; (a few minutes).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyCommand</name>
    <message>
        <source>PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activating Brand Portal on Cloud Service (done by a person; bpsetup writes nothing):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify failed at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify passed: the configured chain works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks the configured Brand Portal chain end to end: IMS configuration present and in OAuth mode, the cloud configuration pointing at it, every replication agent&apos;s Test Connection (6.5) or the distribution agent bpdistributionagent0&apos;s Test Connection (Cloud Service, after the activation checklist), and idle queues. The only requests that may change anything are the agents&apos; test requests. Exit 0 when every check passes, 1 when one fails (named with its remedy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON object on stdout: ok, deployment, checks (id, status, evidence, remedy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (see bpsetup verify --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup verify --help).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ZipArchive</name>
    <message>
        <source>The zip file is damaged or incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The zip file uses a feature bpsetup does not read (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The zip file holds more than bpsetup reads (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not a zip archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries, at most %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 bytes uncompressed, at most %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than %1 bytes uncompressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The zip file has no %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp</name>
    <message>
        <source>AEM Assets as a Cloud Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM 6.5, on-premise or managed service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM 6.5 LTS, on-premise or managed service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another AEM release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::AemCall</name>
    <message>
        <source>AEM no longer accepts the user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the AEM password (it may have been changed while bpsetup was working), then run the command again; what was already written is in the backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM did not hand out a CSRF token, so it cannot be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow %1 in the dispatcher and pass the CSRF-Token header through, or connect to the author directly.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::AemInstance</name>
    <message>
        <source>No Brand Portal configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer Console configuration with a JWT (Service Account) credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer Console configuration with OAuth Server-to-Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configured, but inconsistent or failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found (HTTP 404; a dispatcher may block it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the page does not contain a version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no service pack package listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a version this tool understands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the package list is not the XML AEM&apos;s Package Manager sends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not readable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reports %2, %3 reports %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::AgentTestsTask</name>
    <message>
        <source>No Brand Portal replication agent for %1 was found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Brand Portal cloud configuration, save it again and run apply again; AEM creates the agents when it is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test Connection of %1 succeeded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test Connection of %1 failed (HTTP %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no result on the page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the IMS configuration (Tools › Security › Adobe IMS Configurations › Check Health), that Extended › Close Connection is set on the agent, and the replication log; then run the test again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue of %1 could not be read (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the agent in Tools › Deployment › Replication and look at its queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue of %1 is idle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The queue of %1 is blocked with %n item(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The queue of %1 holds %n item(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Oldest: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at the replication log for the first failing item; do not disable the agent (queued assets can fail). Retry or clear the item once the cause is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ApplyRun</name>
    <message>
        <source>Reading the current state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The instance changed since the plan was made, so the plan no longer describes what apply would do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run `bpsetup plan` again, review it, then apply the new plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up as a content package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed on AEM. Fix the cause, then run apply again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back with `bpsetup rollback --backup %1` (the wizard offers Roll back), or fix the cause and run apply again: it continues to the same end state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed on AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The step &quot;%1&quot; failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the replication agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n test(s) did not pass.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bp::BoundedFile</name>
    <message>
        <source>%1 is not a regular file (a pipe, device or folder cannot be the %2). Give the path of the file itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than %2, which no %3 is. Check that it is the right file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the %1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credential file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profiles file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trusted certificates file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no file name given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plan file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>diagnose report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inventory</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::CreateSession</name>
    <message>
        <source>The credential file holds one client secret; rotating needs a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a second client secret on the credential&apos;s page in Adobe Developer Console, download the credential again and give that file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::DiagnoseTask</name>
    <message>
        <source>not readable on Cloud Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The AEM version could not be read (%n source(s) tried).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Give it with --aem-version, or allow the readers the version sources need (bpsetup detect lists them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM as a Cloud Service %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM %1 is below %2, the first version Brand Portal can be configured with Developer Console credentials on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the latest AEM 6.5 service pack (or move to AEM 6.5 LTS), then run diagnose again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM %1; %2 is the latest service pack bpsetup knows of for %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe&apos;s prerequisite for Brand Portal is the latest service pack: plan the update to %1 or later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 supports OAuth Server-to-Server IMS configurations natively.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 with %2 installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs the OAuth compatibility hotfix %2, which is not installed%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the package list was not readable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install %1 from Adobe&apos;s Software Distribution (bpsetup apply --hotfix-package FILE does it as the plan&apos;s first step), or update to 6.5.21.0 or later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no OAuth Server-to-Server support (it starts with 6.5.11.0 and the hotfix).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install service pack 6.5.21.0 or later (or 6.5.11.0 or later with %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: OAuth through Cloud Manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown: the AEM version was not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth Server-to-Server (tenant %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not activated: no Brand Portal configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Brand Portal configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (bpsetup verify shows the checklist).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create it with bpsetup plan and bpsetup apply, with an OAuth Server-to-Server credential from Adobe Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway (tenant %1): the gateway endpoint it uses is gone, so publishing to Brand Portal fails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrade to OAuth Server-to-Server: bpsetup plan, then bpsetup apply, with an OAuth Server-to-Server credential (the wizard&apos;s Upgrade).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer Console JWT (tenant %1): JWT token exchange stopped working when Adobe converted the credentials on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrade to OAuth Server-to-Server: download the converted credential of the same project from Developer Console, then bpsetup plan and bpsetup apply (the wizard&apos;s Upgrade).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe&apos;s remedy is delete and recreate: bpsetup apply does it (the wizard&apos;s Upgrade), with a backup and rollback.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown: the configuration could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS configurations made by activation are %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n Brand Portal IMS configuration(s) in %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n Brand Portal IMS configurations: %1. Adobe allows exactly one per tenant.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Keep the one the cloud configuration names and delete the others (bpsetup apply removes them, with a backup).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No second configuration beside the one found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Legacy OAuth Gateway objects beside the configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway objects beside the current configuration: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Brand Portal cloud configuration names a tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use https://&lt;tenant-id&gt;.brand-portal.adobe.com, the tenant-id URL (not an alias or a download host).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM as a Cloud Service publishes through the distribution agent, not replication agents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Brand Portal replication agent in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>All %n agent(s) enabled: %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Disabled: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable them (Tools › Deployment › Replication › the agent › Edit › Enabled): the Brand Portal agents share the publishing jobs. Do not disable an agent to stop failures; fix the cause.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Close Connection is set on all %n agent(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Close Connection is not set on %1 (%2 read).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick Extended › Close Connection on every Brand Portal agent (bpsetup apply sets it): without it, Test Connection and publishing time out under load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run modes are %1 (the Felix console is not exposed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run modes could not be read (%1): the Felix console is blocked or not allowed for this user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run modes %1: this is a publish instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal is configured on the author: connect to the author instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run modes %1: neither author nor publish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run modes %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from AEM carried a Date header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>AEM&apos;s clock (Date header %1) differs from this machine&apos;s by %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Synchronise the clocks with NTP (on the AEM host and here): Adobe IMS rejects tokens and JWTs for time differences beyond about a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bpsetup reached AEM without a proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bpsetup reached AEM through the proxy %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM has no outbound proxy configured in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM&apos;s outbound proxy is configured in %1; IMS and Brand Portal must be allowed through it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 answered %n request(s) of detection.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every path detection read was answered by AEM itself (%n path(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Answered by something in front of AEM, not by AEM: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run bpsetup against the author directly (for example port 4502, not through the dispatcher), or allow these paths for administrators in the dispatcher filters; the checks that need them cannot see the real state otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked across instances in fleet runs (bpsetup diagnose --inventory): a tenant paired with several authors (stage and production) loses contributed assets to whichever polls first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only JWT and Legacy OAuth Gateway setups sign with a key from a keystore; OAuth Server-to-Server uses none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: keystore not readable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no expiry date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 expired on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 expires on %2 (in %n day(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 valid until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keystore with a key was found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key signs the JWT (or the gateway login) and must be valid; the lasting fix is the upgrade to OAuth Server-to-Server, which needs no key (bpsetup apply, the wizard&apos;s Upgrade).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the user %1 could not be looked up (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete them after checking their queues are empty (Adobe&apos;s upgrade order; bpsetup apply does it with a backup): they hold an old key and can take publishing jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Felix console&apos;s Configuration Admin is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration Admin was not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration Admin could not be read at %1 (%2), so the IMS configurations were read from %3 only. The cross-check needs a user who may open the Felix console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 in the file, %3 in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (client %2, named by the cloud configuration: AEM uses it although the repository does not hold it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (client %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IMS configuration the cloud configuration names is in the repository but not in Configuration Admin, so AEM does not use it: %1. Configuration Admin: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for the file in /system/console/osgi-installer (Sling&apos;s installer skips files it cannot read or name), fix or remove it, or recreate the configuration with bpsetup apply; then diagnose again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the repository but not in use: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file and the configuration in use differ: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only in Configuration Admin, not under %1, so detection, content packages and bpsetup backups do not see it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal IMS configurations %1. Configuration Admin: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep exactly one Brand Portal IMS configuration, saved in the repository: save it again in Tools › Security › Adobe IMS Configurations (AEM writes it under %1) or recreate it with bpsetup apply, and delete the others in /system/console/configMgr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neither %1 nor Configuration Admin (%2) holds a Brand Portal IMS configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use as in the repository: %1. Configuration Admin: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::Finding</name>
    <message>
        <source>%1 could not be read (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: AEM did not send JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IMS configuration %1 could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Brand Portal IMS configurations exist; Adobe allows only one per tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Brand Portal cloud configurations exist; keep one author ↔ one tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cloud configuration %1 refers to the IMS configuration &quot;%2&quot;, which does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IMS configuration %1 has neither OAuth nor JWT settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Brand Portal replication agents were found under %1 (4 are expected per tenant); they are created when the cloud configuration is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The replication agent %1 is disabled; queued assets can fail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Brand Portal IMS configuration exists but no Brand Portal cloud configuration uses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect as an administrator; a dispatcher in front of AEM may block the path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the IMS configuration the Brand Portal cloud configuration uses and delete the others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep one Brand Portal cloud configuration per author.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the inconsistent configuration and create it again (the upgrade path does this with a backup).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Brand Portal cloud configuration, make a small edit and save it again; AEM then creates the agents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable the agent: Adobe advises never to disable Brand Portal agents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IMS configuration &quot;%2&quot; that %1 uses is not readable on Cloud Service (activation keeps it outside /apps).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Brand Portal distribution agent %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate Brand Portal for the environment in Cloud Manager (through your Adobe representative while Brand Portal is in maintenance mode), then run bpsetup verify.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::FleetTask</name>
    <message>
        <source>No result within %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the instance answers, or give it more time with --instance-timeout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other instance of this run is configured with tenant %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant %1 is also configured on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep one author per Brand Portal tenant (for example a separate tenant for stage): assets contributed in Brand Portal reach only the author that polls first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::HttpClient</name>
    <message>
        <source>Refused to send %1 %2: this operation is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent. This is a defect in bpsetup: please report it with the command you ran.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::HttpJob</name>
    <message>
        <source>%1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that Adobe IMS can be reached from this machine (firewall, proxy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the address and port are right and that no firewall or proxy holds the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not send a complete answer within %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer within %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent an answer larger than %2 MiB for %3; that is not what %4 sends here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent a response header block larger than %2 KiB for %3 (or one that cannot be read); that is not what %4 sends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent a compressed answer for %2 that expands beyond %3 MiB (or is damaged); that is not what %4 sends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the address points at an AEM author instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not the one trusted earlier for %1 (trusted SHA-256 %2). It may have been renewed, or someone may be intercepting the connection: check with your administrator before trusting the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 through the proxy %2 was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the proxy address, or clear it to use the system proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing accepted the connection at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that AEM is running and that the port is right (an AEM author usually listens on 4502 or, behind a load balancer, 443).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the Adobe IMS address (normally https://ims-na1.adobelogin.com) and that this machine may connect to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the address and port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host name %1 could not be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the spelling and your DNS or VPN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection without answering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the server uses HTTPS, change the address to https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust it only if its SHA-256 fingerprint matches what your administrator gave you, or add the issuing CA with the CA file option.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 failed (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If this port serves plain HTTP, change the address to http://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy could not be used (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy asks for a login (HTTP 407).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the proxy user and password in the proxy address (http://user:password@proxy:port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stopped sending data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the network and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talking to %1 failed: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the server uses HTTPS, use https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1 in a browser on this machine to see what answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent answers larger than %2 MiB together while %3 was read; that is not what %4 sends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 second</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ImsValidator</name>
    <message>
        <source>&quot;%1&quot; is not an IMS address; use e.g. https://ims-na1.adobelogin.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS must be reached over https://; plain http:// is accepted only for a simulator on this machine (127.0.0.1 or localhost).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the IMS address without a query, fragment or login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Adobe IMS address was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JWT credential is validated by signing a JWT with its private key, and none was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If AEM generated the key pair (you uploaded AEM&apos;s public certificate to Developer Console), the key exists only inside AEM: direct validation is impossible, and AEM&apos;s own health check after the configuration is applied will test it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential kind is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking Adobe IMS again (attempt %1 of %2)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking Adobe IMS at %1 for a token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Trying again in %2 s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach Adobe IMS (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS is throttling requests (HTTP 429).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS had a server error (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1 in a browser on this machine to see what answers; allow HTTPS to it or set the proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something other than Adobe IMS answered at %1 with a web page (HTTP %2): usually a proxy login, a captive portal or a firewall block page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 without JSON, which Adobe IMS always sends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 with JSON that is neither a token nor an Adobe IMS error: it is not Adobe IMS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the IMS address (normally https://ims-na1.adobelogin.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first client secret was not accepted; trying the second…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> This computer&apos;s clock is %1 seconds %2 Adobe IMS: synchronise it (NTP) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ahead of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS did not accept the client secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the client secret again from the JWT credential page in Developer Console (Retrieve client secret).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the client secret again from the OAuth Server-to-Server credential page in Developer Console; if it was rotated or deleted, use a current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS does not know this client ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the client ID (API key) on the credential page, and that the credential still exists in Developer Console (a cancelled migration deletes the OAuth credential).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS rejected the client: the JWT audience does not match the client ID or this IMS host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS rejected the client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the client ID and that the IMS address is https://ims-na1.adobelogin.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This credential cannot log in server-to-server (it is not an OAuth Server-to-Server credential).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an OAuth Server-to-Server credential with the AEM Brand Portal API to the project, or migrate the JWT credential, and use its values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWT metascope does not match the APIs on this credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential needs the AEM Brand Portal API (metascope ent_brand_portal_sdk) and the Assets Brand Portal product profile in Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS refused the requested scopes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use exactly the scopes listed on the credential&apos;s Scopes tab. If they are right, the credential is missing the AEM Brand Portal API or the Assets Brand Portal product profile: add them in Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS says the JWT has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check this computer&apos;s date and time, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synchronise this computer&apos;s clock, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS could not decode the JWT this tool built.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a defect in bpsetup; please report it with the debug id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWT signature matches no certificate on this credential, or the organization ID or technical account ID is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the private key whose certificate is uploaded to the credential, and check the organization and technical account IDs. JWT certificates can no longer be renewed: switch to OAuth Server-to-Server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS requires a unique JWT id (jti) for this credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This credential&apos;s binding asks for jti, which bpsetup does not send; switch to OAuth Server-to-Server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS is throttling requests from this client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait a few minutes and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS had a server error (HTTP %1) and still had it after retries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again later. If it persists, this JWT credential may already have been converted to OAuth Server-to-Server: use that credential instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again later; Adobe status: https://status.adobe.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS rejected the request (HTTP %1, %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check every value against the credential page in Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow connections to %1 through the firewall or proxy, or set the proxy; open it in a browser on this machine to see what answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS no longer exchanges this JWT credential (HTTP %1, internal_error): Adobe converted every Service Account (JWT) credential to OAuth Server-to-Server by 2026-03-01.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the OAuth Server-to-Server credential of the same Developer Console project (the client id is the same; it needs its client secret) and use that instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::InstanceClassifier</name>
    <message>
        <source>not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the AEM version (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading Brand Portal cloud configurations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for a Legacy OAuth Gateway configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for Brand Portal replication users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading IMS configurations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading replication agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading IMS configuration %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM at %1 answered with its login page instead of data. The user name or password was not accepted, or the instance enforces single sign-on (SAML).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a local AEM administrator account, or a token for AEM as a Cloud Service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM at %1 rejected the login (HTTP 401/403).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the user name and password; the user must be an administrator to read the Brand Portal configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 answered (HTTP %2) but not like an AEM author: none of the AEM addresses it was asked for exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the address points at the AEM author (not publish, not a web server), or connect past the dispatcher (usually port 4502).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server expects HTTPS: change the address to https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for a Brand Portal distribution agent (AEM as a Cloud Service only)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::KeyMaterial</name>
    <message>
        <source>%1 is a JSON file, not a private key: the credential file goes elsewhere (the private key is private.key, made together with the certificate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key does not belong to the certificate %1 (SHA-256 %2). Use the key that was generated together with the uploaded certificate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::KeyPairFiles</name>
    <message>
        <source>%1 already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another folder or file name, or replace it (a key already in use stops working once its certificate is removed from Developer Console).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not replace %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2. The private key was removed again, so nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ManualVersion</name>
    <message>
        <source>&quot;%1&quot; is not a version to choose by hand. Give &quot;cloud&quot; for AEM as a Cloud Service, the exact AEM 6.5 version with its service pack (for example 6.5.21.0), or the AEM 6.5 LTS version (for example 6.6.1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ProfileManager</name>
    <message>
        <source>There is no profile named &quot;%1&quot; (no profiles are saved yet; see bpsetup profile save --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;. Saved profiles: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profiles file cannot be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::RollbackRun</name>
    <message>
        <source>Not everything could be restored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the cause and run the rollback again (it is safe to repeat), or restore these objects by hand from the backup folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::SavedSetup</name>
    <message>
        <source>AEM password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>second client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key passphrase</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::Task</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::TrustedCertificates</name>
    <message>
        <source>&quot;%1&quot; is not a SHA-256 fingerprint (64 hex digits, colons allowed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a plain http:// address: there is no certificate to trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the https:// address of the server, or leave the fingerprint out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::VerifyTask</name>
    <message>
        <source>not readable on Cloud Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (the checklist above), wait until it shows &apos;Activated&apos;, then run bpsetup verify again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Skipped because %1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS configuration (OAuth Server-to-Server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a Legacy OAuth Gateway configuration was found (%1); there is no IMS configuration in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the OAuth Server-to-Server configuration: bpsetup plan, then bpsetup apply, with an OAuth Server-to-Server credential from Adobe Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No configuration: no Brand Portal IMS configuration in %1 and no Brand Portal cloud configuration under %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the configuration with bpsetup apply (bpsetup plan shows what it writes first), using an OAuth Server-to-Server credential from Adobe Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no IMS configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Brand Portal IMS configuration in %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run bpsetup apply with the OAuth Server-to-Server credential: it creates the IMS configuration and points the cloud configuration at it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) is in JWT (Service Account) mode, not OAuth: JWT credentials reached end of life.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrade it to OAuth Server-to-Server: in Adobe Developer Console, download the OAuth Server-to-Server credential of the same project (Adobe&apos;s conversion keeps the client id), then run bpsetup plan and bpsetup apply --credentials FILE; they switch this IMS configuration to OAuth in place (6.5.21.0+, 6.5 LTS, or 6.5.11.0-6.5.20.0 with --hotfix-package).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) is neither in OAuth nor in JWT mode (grants or token URL missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run bpsetup apply with the OAuth Server-to-Server credential: it writes the full OAuth property set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): OAuth mode (client_credentials, %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal cloud configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Brand Portal cloud configuration under %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run bpsetup apply: it creates the cloud configuration pointing at the IMS configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names the IMS configuration %2, which does not exist in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run bpsetup apply: it points the cloud configuration at the IMS configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: tenant %2, IMS configuration %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n cloud configurations exist.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Keep one Brand Portal cloud configuration per tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): OAuth mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) is in JWT (Service Account) mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate and activate Brand Portal again in Cloud Manager, or ask your Adobe representative; Cloud Service configurations made by activation use OAuth.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS configurations made by activation are %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names %2; IMS configurations made by activation are %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not activated: no Brand Portal cloud configuration under %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication agents (Test Connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the Brand Portal replication agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Replication › Agents on author and check the Brand Portal agents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (in %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest item waits for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Test Connection succeeded for %n agent(s) in %1: %2.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Disabled: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable every Brand Portal agent: they share the publishing jobs, and queued assets can fail on a disabled one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distribution agent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distribution queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distribution Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the Brand Portal distribution agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GET %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: state %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Distribution › Publish to Brand Portal › %1 and resume it; do not disable the agent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not activated: the distribution agent %1 does not exist (HTTP 404).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GET %1 answered HTTP %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped: the distribution agent is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the Brand Portal distribution agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GET %1 answered HTTP %2 without queues: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>(oldest %1, %2%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, waiting for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Distribution › %1 › Status, read the error of the oldest item (and the Logs tab), fix the cause, then retry or clear the error queue; do not disable the agent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POST %1 was refused: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POST %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POST %1 (action=TEST): HTTP 200 %2%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POST %1 answered HTTP 403: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POST %1 (action=TEST): HTTP %2 %3%4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no state)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Distribution › %1, run Test Connection and read the Logs tab (the test is DSTRQ1); if the package is not delivered, ask Adobe support or your Adobe representative to check the Brand Portal activation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test Connection was not run: it sends a test package through the agent, so it runs only when asked (--run-tests).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::cli::Cli</name>
    <message>
        <source>No command given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run bpsetup --help for the commands: detect, validate, keygen, profile, simulate, plan, apply, verify, diagnose, rollback, backups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: bpsetup [--demo] | bpsetup COMMAND [options]

Connects Adobe Experience Manager Assets to Adobe Brand Portal and diagnoses existing connections.
Without a command the setup wizard opens; --demo opens it against the built-in simulator.

Commands:
  detect     Read AEM&apos;s version and Brand Portal configuration and choose the setup route
  validate   Check Developer Console credentials against Adobe IMS
  keygen     Generate an RSA 2048 key pair and certificate for Developer Console
  profile    List, show, save, rename or delete connection profiles (secrets in the keychain)
  simulate   Serve a simulated AEM author and Adobe IMS on 127.0.0.1
  plan       Show what creating the Brand Portal configuration would change (read-only)
  apply      Create or upgrade the configuration: plan, backup, apply, verify, test
  verify     Check the configured chain end to end (6.5 and Cloud Service; only agent tests are sent)
  diagnose   Read-only health checks with remedies, for support (diagnose --list-checks)
  rollback   Restore what one apply changed, from its backup
  backups    List the backups saved before changes (backups list)

Options:
  -h, --help     Show this help (bpsetup COMMAND --help for a command)
  -v, --version  Show the version
  --lang CODE    Language of the wizard and messages: de, en, fr, ja (default: the system&apos;s)

Exit codes: 0 success, 1 the checked thing is wrong, 2 bad input or usage,
3 could not reach or authenticate to AEM/IMS, 4 unsupported version or route.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::cli::CliContext</name>
    <message>
        <source>What to do: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <comment>the answer to a [y/N] question</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::ApplyPage</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done, verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Would change (dry run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no reviewed plan to apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the wizard and start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying the changes to %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elapsed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop applying?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The step in progress is stopped and no further step runs. What was already changed stays on AEM until you roll it back (the backup is kept).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Every change was applied and verified by reading it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Nothing needed changing: the configuration is already in place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change was applied, but a test did not pass: Next shows which.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The step &quot;%1&quot; failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore what the backup holds, newest backup first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup %1 cannot be restored from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring backup %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rollback did not complete: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Rolled back: the instance is as it was before this wizard changed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Rolled back: the instance is as it was before this wizard changed it (%1 restored).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back. Retry applies the plan again, Cancel closes the wizard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The changes are written to AEM one by one, each verified by reading it back. A backup is saved before the first change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop applying (asks first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Roll back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup %1 of the state before is in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::CertificateTrustDialog</name>
    <message>
        <source>Untrusted certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 presented a certificate that this computer does not trust. Only trust it if you know this certificate belongs to your AEM instance, for example because your administrator gave you its fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (self-signed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none reported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you trust it, bpsetup remembers this certificate for %1 only. If the server later presents a different certificate, you will be asked again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust this certificate for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::ConnectPage</name>
    <message>
        <source>Connection cancelled. Nothing was changed on AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the user name and password of an AEM administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a local development or service token from the AEM Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the exact 6.5 version including the service pack, for example 6.5.21.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the exact 6.5 LTS version, for example 6.6.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected, but no source revealed the AEM version (the dispatcher or permissions may block them). Choose the version below and click Next, or leave it as &quot;Not known&quot; to continue and see what was found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
The certificate was not trusted. Ask your administrator for the CA certificate and select it under &quot;Extra CA certificates&quot;, or trust the certificate after checking its fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is trusted for this session only, because it could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved connections were written by a newer bpsetup: they can be used, but not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Until then, passwords and secrets are not saved; everything else works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the saved passwords of &quot;%1&quot; from %2 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This saved connection no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved passwords of &quot;%1&quot; could not be read: %2 Type the %3 below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password stored for this profile: type it below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token stored for this profile: paste it below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded &quot;%1&quot; with its saved secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select CA certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to AEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the address of your AEM author instance and an administrator login. Connecting only reads from AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mode: the fields below are filled in for the built-in simulator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Saved connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Manage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename or delete saved connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM author &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in &amp;with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer token (AEM as a Cloud Service)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer Console token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates and proxy (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra &amp;CA certificates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file, in addition to the system certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty for the system proxy, type &quot;none&quot; for a direct connection, or http://host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM &amp;version (chosen manually):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not known — continue without it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM as a Cloud Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6.5.x — enter exact service pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6.5 LTS (6.6.x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact AEM version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop connecting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::CredentialsPage</name>
    <message>
        <source>client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scopes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organization ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>technical account ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metascopes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credential kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a private key, which only a Service Account (JWT) credential uses: the credential kind is now JWT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is neither a Developer Console credential nor a private key or certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the JSON of the credential first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create a temporary folder for the demo credentials: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a Developer Console credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer Console credentials (*.json);;Private keys and certificates (*.key *.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private keys (*.key *.pem);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the credential or fill in: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the fields marked ⚠ to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the private key file (for example private.key) whose certificate is uploaded to the credential in Developer Console, or generate a new key pair. If AEM generated the key pair, tick the box above instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This private key is encrypted: enter its passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Certificate %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate %1 expires on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ This certificate has expired, so IMS rejects JWTs signed with its key. JWT certificates can no longer be renewed: move to OAuth Server-to-Server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ This certificate expires within 30 days; the integration stops working then. JWT certificates can no longer be renewed: move to OAuth Server-to-Server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key belongs to this certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ The private key does not belong to this certificate: IMS will not accept it unless the key&apos;s own certificate is uploaded to the credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found a credential of kind %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the client secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the client secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer Console credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the OAuth Server-to-Server credential of the Developer Console project that has the AEM Brand Portal API, or type it in. Nothing is sent anywhere on this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mode: use the throwaway credentials of the built-in simulator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use the simulator&apos;s demo credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo J&amp;WT credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or drop a downloaded .json file, or a private key (PEM), anywhere on this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…or &amp;paste the JSON (Download JSON on the credential page, or the project&apos;s Download all):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import pasted &amp;JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter in the text box does the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kin&amp;d:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth Server-to-Server (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service Account (JWT) — retired by Adobe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe retired JWT credentials (end of life 2025-06-30, converted to OAuth Server-to-Server by 2026-03-01). Use this only to check or migrate an existing setup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: the other secret while you rotate them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scop&amp;es:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy them verbatim from the credential&apos;s Scopes tab in Developer Console: Adobe publishes no fixed list, and IMS refuses scopes the credential does not have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organization ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Technical account ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Metascopes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private.key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate key pair…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key pair was generated by AEM (the private key is only in AEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS add&amp;ress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the default unless Adobe support named another IMS host.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::DiagnosePage</name>
    <message>
        <source>What to do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the diagnosis report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The summary is on the clipboard (no secrets in it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnosing %1: only reading, nothing is changed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Diagnose again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved to %1. It holds no password, token or key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnosis cancelled. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — What to do: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No check failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 passed, %2 warned, %3 skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upgrade this configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only health checks of the Brand Portal connection, each with what was read and what to do. Nothing is changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence and what to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Diagnose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also run &amp;Test Connection (sends a test package through each agent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One HTML file that opens offline; passwords, tokens and keys are removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;opy summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue with the upgrade to OAuth Server-to-Server: credentials, validation, review. Nothing is written before you confirm on the Review page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::FinishPage</name>
    <message>
        <source>Connected to %1 (%2, version %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (version not known).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential: %1, client ID %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS accepted it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not validated (continued without validation).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not validated here: the private key is held by AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnosis is not available in this version yet: nothing was changed on AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no secrets to store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not stored: %1. You will type them again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Untick the option above to save the settings without secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the connection …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the connection and storing its secrets in %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Settings: %1; no secrets were stored. Click Finish to close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Settings: %1; secrets stored in: %2. Click Finish to close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check what was done, and save this connection to skip the typing next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save this connection for next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letters, digits, spaces, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;; up to 64 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tore the secrets in the keychain (untick on a shared computer: do not store secrets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving connections is not available here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish &amp;without saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed on AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration was already in place: nothing was changed on AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration created on AEM (each change verified):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal tenant: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>All %n test(s) passed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test(s) did not pass: see the Test page.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Backup %1, saved before the first change in %2. Roll back with bpsetup rollback --backup %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>This run saved %n backup(s); to undo everything, roll them back newest first: %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bp::ui::HelpDialog</name>
    <message>
        <source>Adobe&apos;s documentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to AEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setup route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer Console credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validating with Adobe IMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewing the changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying the changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnosing a setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying a configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal Setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This wizard connects AEM Assets to Brand Portal, or checks a connection that exists. Choose &quot;Set up Brand Portal&quot; to create or upgrade the configuration, or &quot;Diagnose an existing setup&quot; to run read-only health checks and save a report for support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is changed on AEM before the Apply step, and every change made there can be rolled back from the backup taken first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configure AEM Assets with Brand Portal (AEM 6.5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configure AEM Assets with Brand Portal (Cloud Service)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the address of the AEM author instance (not a publish instance and not the dispatcher&apos;s address if it blocks /system/console) and an administrator&apos;s user name and password. The password is kept in the OS keychain only if you save a profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If AEM presents a certificate this computer does not trust, you are shown its fingerprint: compare it with the one your AEM administrator gives you before you trust it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up IMS integrations for AEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The route follows from the AEM version and from what is configured today. AEM as a Cloud Service is activated from Cloud Manager; AEM 6.5 (6.5.4.0 and above) and 6.5 LTS use a Developer Console project with an OAuth Server-to-Server credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Developer Console JWT or Legacy OAuth Gateway configuration no longer works (JWT token exchange stopped when Adobe converted the remaining JWT credentials on 2026-03-01): upgrade it to OAuth Server-to-Server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configure AEM Assets with Brand Portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT credentials deprecation in Adobe Developer Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Adobe Developer Console, open the project with the Brand Portal API and its OAuth Server-to-Server credential, then use Download JSON on the credential page (or the project&apos;s Download all), or copy the client id, client secret, organization id and scopes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client secret is kept only in memory and, if you save a profile, in the OS keychain; it is never written to a file or a log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth Server-to-Server implementation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migrating from JWT to OAuth Server-to-Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential is checked by asking Adobe IMS for an access token, as AEM will. A rejected client id or secret, a wrong organization or missing scopes are named with what to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behind a TLS-inspecting proxy, IMS may present a certificate this computer does not trust: check its fingerprint with your network team before trusting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change the apply would make is listed with its old and new values (secrets shown as ***). Problems that block the apply come first, with what to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been written yet. A backup of everything listed is saved before the first change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The steps run in order; each is read back from AEM to verify it. Cancel stops after the step in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If a step fails, Roll back restores what was there before from the backup, and Retry runs the remaining steps again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Brand Portal replication agents&apos; Test Connection shows whether AEM can reach the tenant with the new configuration. A failed test names the agent and AEM&apos;s answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Troubleshoot issues in parallel publishing to Brand Portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only checks of the whole chain: AEM, the IMS configuration, Adobe IMS, the Brand Portal tenant, the agents and their queues. Each failed check says what to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report writes one HTML file without secrets that a customer can send to support; Copy summary copies the text version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configured chain is checked end to end without changing it; only the agents&apos; Test Connection is sent. On Cloud Service the page lists the activation checks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The summary says what was done and where the backup is. Saving a profile keeps the connection for next time, its secrets in the OS keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish a test asset to Brand Portal from AEM Assets to see the whole path work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::KeyPairDialog</name>
    <message>
        <source>Generating an RSA 2048 key pair…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private keys (*.key *.pem);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the private key to %1 (readable only by you) and the certificate to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is on the clipboard. Save the private key too: without it the certificate is useless.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key pair generated. Save it before closing this window: Adobe never sees the private key, so it cannot be downloaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate valid until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a key pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates a new RSA 2048 private key and a self-signed certificate for a Service Account (JWT) credential. The private key stays on this computer; only the certificate is uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe retired JWT credentials: since 2025-06-30 Developer Console no longer accepts new certificates for them. Use this only if your credential still accepts a certificate, and plan the move to OAuth Server-to-Server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Valid for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload the certificate to the credential in Adobe Developer Console (Credential details → Public keys → Upload public key), then use the saved private key in this wizard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::ProfilesDialog</name>
    <message>
        <source>These saved connections were written by a newer bpsetup and cannot be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename saved connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name for &quot;%1&quot;:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renaming &quot;%1&quot; …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed &quot;%1&quot; to &quot;%2&quot;; its keychain entries moved with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete saved connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the saved connection &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its passwords and secrets in the keychain are deleted too. Nothing changes on AEM or in Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting &quot;%1&quot; and its keychain entries …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot; and its keychain entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Saved connections. Their passwords and secrets are in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::ReviewPage</name>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the instance was cancelled. Nothing was changed on AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click Retry to read it again, or Back to change the inputs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 and checking the credential with Adobe IMS … Nothing is changed on this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan could not be made. Nothing was changed on AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This configuration cannot be applied yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do what is listed under &quot;Before anything can change&quot;, then come back here (Back, then Next) to review again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration is already in place; Apply changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) will be made on AEM.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Check them, then click Apply. Nothing has been changed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before anything can change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do: every object is already as it should be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before the first change, the current state of every object above is saved (readable only by you) in a new folder under:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What Apply will change on AEM, object by object. Nothing is written before you click Apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop reading the instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also re&amp;move the JWT key alias from the service user&apos;s keystore (backed up first; OAuth Server-to-Server needs no key pair)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also remove the JWT key alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds a last step that removes the key alias the JWT configuration used. Rollback brings it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting up to %1 minutes for the Brand Portal agents&apos; queues to drain … Nothing is changed; Cancel stops waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wait for the queues to drain (up to %1 minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the queues again every few seconds until every queued item is delivered; nothing is changed meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::RoutePage</name>
    <message>
        <source>AEM Assets as a Cloud Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM 6.5 (6.5.4.0 and above), on-premise or managed service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM 6.5 LTS (6.6.x), on-premise or managed service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate Brand Portal (Cloud Manager)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create configuration (Developer Console, IMS token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrade configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create configuration (OAuth Server-to-Server only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ recommended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(your instance: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(your instance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was detected on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(chosen manually)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supported natively</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supported (hotfix %1 installed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs the hotfix %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not available on this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth Server-to-Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, tenant %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal configuration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration found at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version sources:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources that disagree:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before you continue:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal cannot be set up on this instance until AEM is upgraded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrade to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The route cannot be chosen because the AEM version is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back and choose the version manually, for example after checking it in the AEM &quot;About Adobe Experience Manager&quot; dialog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supported versions: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can still continue to diagnose the existing setup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To look at the existing setup anyway, go back to the first page and choose &quot;Diagnose an existing setup&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setup route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which way of connecting Brand Portal applies to this AEM instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal setup routes. Your instance&apos;s row is highlighted and the route that applies is marked &quot;recommended&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose the version manually…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the OAuth compatibility hotfix package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content packages (*.zip);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What must happen first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download page at Adobe Software Distribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hotfix package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 you downloaded from Adobe&apos;s Software Distribution: apply installs it first, through Package Manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal &amp;tenant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant name, or its address https://&lt;tenant&gt;.brand-portal.adobe.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or choose the %1 you downloaded: apply then installs it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ blocked: see below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::SetupWizard</name>
    <message>
        <source>Brand Portal Setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo simulator could not be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand Portal Setup — Demo mode — connected to the built-in simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown fail step &quot;%1&quot; (known: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--demo-queue-items takes a number from 0 to 1000, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo&apos;s memory (forgotten when it closes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::StepList</name>
    <message>
        <source>current step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to come</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2: %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::TestPage</name>
    <message>
        <source>Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
What to do: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The apply run reported no tests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the Brand Portal replication agents in AEM (Tools › Deployment › Replication › Agents on author): Test Connection should succeed and the queue be idle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>All %n test(s) passed: AEM can publish to Brand Portal.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 test(s) did not pass.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether AEM can publish to Brand Portal: each replication agent&apos;s connection and queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::ValidatePage</name>
    <message>
        <source>Go back to the previous page to choose the key or enter its passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacting Adobe IMS at %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation cancelled. Nothing was sent to AEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS issued a %1 token valid for %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; secret %1 of %2 accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential is valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first secret was refused: delete it in Developer Console once nothing uses it any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s clock differs from Adobe&apos;s by %1 s; synchronise it (NTP).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential could not be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS answer: %1 (HTTP %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debug id for Adobe support: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This answer did not come from Adobe IMS deciding on the credential; the credential may still be fine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue without validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why can the credential not be validated now? The reason is written to the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuing without validation (reason: %1). Test the connection after the configuration is applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technical account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metascopes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two (rotation): IMS is asked with the first, then the second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — ending in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held by AEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validate credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask Adobe IMS for a token with these credentials before anything is changed on AEM. The token is thrown away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM generated this credential&apos;s key pair, so its private key exists only inside AEM and cannot be used to validate from here. AEM&apos;s own IMS health check tests the credential after the configuration is applied. Click Next to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Validate with Adobe IMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop validating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ontinue without validation (support staff working offline)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::VerifyPage</name>
    <message>
        <source>Verifying %1: reading the configuration, testing the agents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bpsetup writes nothing on AEM as a Cloud Service. When Cloud Manager shows &quot;Activated&quot;, verify what activation created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
What to do: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 checks failed; the first failing link: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every link of the Brand Portal connection passed its check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate Brand Portal and verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: Cloud Manager creates the configuration; bpsetup checks what activation created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configured chain end to end: IMS configuration, cloud configuration, agents and their queues. Nothing is changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the configuration and runs each agent&apos;s Test Connection; changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bp::ui::WelcomePage</name>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect Adobe Experience Manager Assets to Adobe Brand Portal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This tool connects to your AEM author instance, finds out which AEM version and deployment it is and how Brand Portal is configured today, and then tells you which setup route applies: activating Brand Portal in Cloud Manager, creating a new configuration, or upgrading an existing one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting and detecting only reads from AEM. Nothing is changed until you review and confirm the changes in a later step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo mode&lt;/b&gt; — connected to the built-in simulator. No real AEM instance or Adobe account is used; the connection details are already filled in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What do you want to do?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Set up Brand Portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new Brand Portal configuration or upgrade an existing one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Diagnose an existing setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check an existing Brand Portal configuration and explain what is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>bpsetup: no display found, so the wizard cannot open. Run it on a desktop session, or use the headless commands (bpsetup --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bpsetup: unknown language &quot;%1&quot; for --lang. Use a code such as de, en, fr or ja.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
