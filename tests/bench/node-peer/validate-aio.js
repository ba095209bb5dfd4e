// SPDX-License-Identifier: Apache-2.0
// Peer for bench_validate: asks IMS for an OAuth Server-to-Server token with Adobe's @adobe/aio-lib-ims,
// from the same Developer Console download bpsetup validates. Usage: node validate-aio.js IMS_URL CREDENTIALS
'use strict'
const fs = require('fs')
const { Ims } = require('@adobe/aio-lib-ims')

async function main () {
  const [imsUrl, file] = process.argv.slice(2)
  const project = JSON.parse(fs.readFileSync(file, 'utf8')).project
  const cred = project.workspace.details.credentials.find(c => c.oauth_server_to_server).oauth_server_to_server
  const ims = new Ims('prod')
  ims.endpoint = imsUrl // the library has no endpoint option; point the instance at the simulator
  const token = await ims.getAccessTokenByClientCredentials(cred.client_id, cred.client_secrets[0],
    project.org.ims_org_id, cred.scopes)
  // Print what bpsetup prints: lifetime only, never the token.
  console.log(JSON.stringify({ ok: true, expiresIn: Math.round(token.payload.expires_in) }))
}

main().catch(e => { console.error(String(e.message || e)); process.exit(1) })
