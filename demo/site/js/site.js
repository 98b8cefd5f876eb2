// The demo site's own page script. Like many real sites, it adds a marketing tag at run time without tagging
// it for consent. Assent recognises the URL (the policy's "demo-retarget" service lists it in `scripts`) and
// holds the script back until marketing is allowed; its onload still fires then.
const tag = document.createElement('script');
tag.src = '{{TP}}/tracker.js';
tag.async = true;
tag.addEventListener('load', () => document.documentElement.setAttribute('data-tracker-loaded', ''));
document.head.append(tag);
