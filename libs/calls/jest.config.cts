module.exports = {
  displayName: 'calls',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/calls',
};
