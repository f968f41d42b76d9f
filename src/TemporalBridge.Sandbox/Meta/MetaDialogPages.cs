using System.Text.Encodings.Web;

namespace TemporalBridge.Sandbox.Meta;

/// <summary>
/// The SDK stand-in's script and the dialog's page. The SDK answers the page as Meta's does
/// (developers.facebook.com/docs/javascript/reference/FB.login): the callback gets <c>{status, authResponse}</c>, with
/// <c>authResponse.code</c> when <c>response_type: 'code'</c> was asked (Embedded Signup), else
/// <c>authResponse.accessToken</c>; a dialog closed without finishing gives <c>authResponse: null</c>. Embedded Signup's
/// session events are window messages of JSON text <c>{type: 'WA_EMBEDDED_SIGNUP', event, data, version}</c>
/// (developers.facebook.com/docs/whatsapp/embedded-signup/implementation, "session logging message event listener").
/// </summary>
public static class MetaDialogPages
{
    public const string Sdk = """
        // Sandbox stand-in for Meta's JavaScript SDK: FB.init and FB.login, with the dialog as a popup of the sandbox.
        'use strict';
        (() => {
          const dialogOrigin = new URL(document.currentScript.src).origin;
          let appId = '';
          // A popup that closed without answering is a cancel; its last message may still be on its way.
          const closedGraceMs = 1000;
          window.FB = {
            init(options) {
              appId = options.appId;
            },
            login(callback, options = {}) {
              const flow = options.response_type === 'code' ? 'signup' : 'login';
              const query = new URLSearchParams({ flow, app_id: appId, config_id: options.config_id || '', opener_origin: location.origin });
              const popup = window.open(`${dialogOrigin}/meta-emulator/dialog?${query}`, 'meta-dialog', 'width=560,height=680');
              let answered = false;
              const answer = (authResponse) => {
                if (answered) return;
                answered = true;
                window.removeEventListener('message', onMessage);
                clearInterval(watch);
                callback(authResponse ? { status: 'connected', authResponse } : { status: 'unknown', authResponse: null });
              };
              const onMessage = (event) => {
                if (event.origin === dialogOrigin && event.data && event.data.type === 'sandbox-login') answer(event.data.authResponse);
              };
              window.addEventListener('message', onMessage);
              const watch = setInterval(() => {
                if (!popup || popup.closed) {
                  clearInterval(watch);
                  setTimeout(() => answer(null), closedGraceMs);
                }
              }, 250);
            },
          };
          setTimeout(() => window.fbAsyncInit && window.fbAsyncInit(), 0);
        })();
        """;

    public static string Dialog(bool signup, string choices, string appId, string openerOrigin, string wabaId, string businessId)
    {
        var html = HtmlEncoder.Default;
        var js = JavaScriptEncoder.Default;
        var title = signup ? "Connect WhatsApp to the app (Embedded Signup)" : "Log in with Facebook (Facebook Login for Business)";
        var share = signup
            ? "<p><label><input type=\"checkbox\" id=\"share\" checked> Share the WhatsApp Business Account with the app</label></p>"
            : "";
        var errorButton = signup ? "<button type=\"button\" id=\"report\">Report an error</button>" : "";
        return $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{{title}} — sandbox</title>
            <style>body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:32rem}label{display:block;margin:.3rem 0}button{margin:.3rem .3rem 0 0;font:inherit;padding:.4rem .8rem}</style>
            </head>
            <body>
            <h1>{{title}}</h1>
            <p>Sandbox stand-in for Meta's dialog: no Facebook account is used.</p>
            <form id="dialog">
            <fieldset><legend>{{(signup ? "Choose the number to connect" : "Choose the Pages to share with the app")}}</legend>
            {{choices}}
            </fieldset>
            {{share}}
            <button type="submit" id="finish">{{(signup ? "Finish" : "Continue")}}</button>
            <button type="button" id="cancel">Cancel</button>
            {{errorButton}}
            </form>
            <script>
            'use strict';
            (() => {
              const signup = {{(signup ? "true" : "false")}};
              const appId = '{{js.Encode(appId)}}';
              const openerOrigin = '{{js.Encode(openerOrigin)}}';
              const wabaId = '{{js.Encode(wabaId)}}';
              const businessId = '{{js.Encode(businessId)}}';
              const tell = (message) => window.opener && window.opener.postMessage(message, openerOrigin);
              const session = (event, data) => tell(JSON.stringify({ type: 'WA_EMBEDDED_SIGNUP', event, data, version: '3' }));
              const end = (authResponse) => { tell({ type: 'sandbox-login', authResponse }); window.close(); };
              document.getElementById('dialog').addEventListener('submit', async (event) => {
                event.preventDefault();
                const number = document.querySelector('input[name="number"]:checked')?.value;
                const pages = [...document.querySelectorAll('input[name="page"]:checked')].map((box) => box.value);
                const body = signup
                  ? { app_id: appId, flow: 'signup', waba_id: wabaId, phone_number_id: number, share_account: document.getElementById('share').checked }
                  : { app_id: appId, flow: 'login', page_ids: pages };
                const response = await fetch('/meta-emulator/dialog/finish', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
                const answer = await response.json();
                if (signup) {
                  session('FINISH', { phone_number_id: number, waba_id: wabaId, business_id: businessId });
                  end({ code: answer.code, userID: '' });
                } else {
                  end({ accessToken: answer.access_token, userID: answer.user_id, expiresIn: 7200 });
                }
              });
              document.getElementById('cancel').addEventListener('click', () => {
                if (signup) session('CANCEL', { current_step: 'PHONE_NUMBER_SETUP' });
                end(null);
              });
              document.getElementById('report')?.addEventListener('click', () => {
                session('CANCEL', { error_message: 'The sandbox was asked to report an error', error_id: '524126', session_id: 'sandbox-session', timestamp: String(Math.floor(Date.now() / 1000)) });
                end(null);
              });
            })();
            </script>
            </body>
            </html>
            """;
    }
}
